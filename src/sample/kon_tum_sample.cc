#include "sample/kon_tum_sample.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>

#include "app/events_use_cases.h"
#include "app/units_use_cases.h"
#include "app/values_use_cases.h"
#include "domain/calendar.h"

namespace antq {
namespace {

constexpr const char* kUser = "dữ-liệu-mẫu";
const Date kOldEnd = *Date::FromYmd(2025, 6, 30);
const Date kNewStart = *Date::FromYmd(2025, 7, 1);
const Date kSampleEnd = *Date::FromYmd(2026, 10, 31);

// Border districts of Kon Tum (with Laos and Cambodia): more weapons handed in.
const std::set<std::string> kBorderDistricts = {"610", "611", "616", "618"};

Date D(int y, int m, int d) { return *Date::FromYmd(y, m, d); }

// Deterministic randomness: std::mt19937 is specified exactly; distributions are not, so the
// few we need are written out.
class Dice {
 public:
  explicit Dice(uint32_t seed) : rng_(seed) {}
  double Uniform() { return (static_cast<double>(rng_()) + 0.5) / 4294967296.0; }
  int Range(int lo, int hi) {
    return lo + static_cast<int>(rng_() % static_cast<uint32_t>(hi - lo + 1));
  }
  bool Chance(double p) { return Uniform() < p; }
  size_t Pick(const std::vector<double>& weights) {
    double total = 0;
    for (double w : weights) total += w;
    double x = Uniform() * total;
    for (size_t i = 0; i < weights.size(); ++i) {
      if ((x -= weights[i]) < 0) return i;
    }
    return weights.size() - 1;
  }
  template <typename T>
  const T& OneOf(const std::vector<T>& items) {
    return items[rng_() % items.size()];
  }

 private:
  std::mt19937 rng_;
};

struct SampleUnit {
  const UnitVersion* version;
  std::string district;  // code of the district it belonged to (old units only)
  double size;           // relative population, drives activity
  bool border;
  int villages;  // thôn, làng or tổ dân phố
};

// Splits `total` into `n` non-negative integers, in proportion to `weights`, summing exactly.
std::vector<int64_t> Apportion(int64_t total, const std::vector<double>& weights,
                               int64_t floor_each) {
  const size_t n = weights.size();
  std::vector<int64_t> out(n, floor_each);
  int64_t rest = total - floor_each * static_cast<int64_t>(n);
  double sum = 0;
  for (double w : weights) sum += w;
  int64_t given = 0;
  std::vector<std::pair<double, size_t>> remainders;
  for (size_t i = 0; i < n; ++i) {
    const double exact = static_cast<double>(rest) * weights[i] / sum;
    const auto whole = static_cast<int64_t>(std::floor(exact));
    out[i] += whole;
    given += whole;
    remainders.push_back({exact - static_cast<double>(whole), i});
  }
  std::sort(remainders.begin(), remainders.end(), std::greater<>());
  for (int64_t k = 0; k < rest - given; ++k) ++out[remainders[static_cast<size_t>(k)].second];
  return out;
}

class SampleBuilder {
 public:
  SampleBuilder(Workspace& ws, const Progress& progress)
      : ws_(ws), progress_(progress), dice_(20230328), arrivals_(20230314) {}

  Result<SampleReport> Run() {
    if (auto s = BorderGroup(); !s) return Fail(s.error());
    if (auto s = CollectUnits(); !s) return Fail(s.error());
    const int steps = 9;
    int step = 0;
    auto tick = [&](const std::string& what) {
      if (progress_) progress_(++step, steps, what);
    };
    if (auto s = Propaganda(); !s) return Fail(s.error());
    tick("propaganda sessions");
    if (auto s = Handins(); !s) return Fail(s.error());
    tick("weapon hand-ins");
    if (auto s = Models(); !s) return Fail(s.error());
    tick("models");
    if (auto s = Festivals(); !s) return Fail(s.error());
    tick("Ngày hội 19/8");
    if (auto s = Inspection(); !s) return Fail(s.error());
    tick("inspection");
    if (auto s = MonthlyReports(); !s) return Fail(s.error());
    tick("monthly commune reports");
    if (auto s = Atantt(); !s) return Fail(s.error());
    tick("ATANTT registration and recognition");
    if (auto s = Classification(); !s) return Fail(s.error());
    tick("classification");
    if (auto s = Ntm(); !s) return Fail(s.error());
    tick("NTM criterion 19.2");
    return report_;
  }

 private:
  Status CollectUnits() {
    auto old_units = ListUnits(ws_, actor_, {"62", D(2022, 12, 31), UnitLevel::kCommune});
    if (!old_units) return Fail(old_units.error());
    auto new_units = ListUnits(ws_, actor_, {"51", kNewStart, UnitLevel::kCommune});
    if (!new_units) return Fail(new_units.error());
    if (old_units->size() != 102 || new_units->size() < 40) {
      return Fail(ErrorCode::kConflict,
                  "the sample needs the Kon Tum reference units that 'antq init' loads");
    }
    for (const UnitVersion* v : *old_units) {
      const UnitVersion* district = ws_.units().VersionOf(v->parent_id, D(2022, 12, 31));
      const double kind = v->type == "Phường" ? 1.6 : v->type == "Thị trấn" ? 1.3 : 1.0;
      const bool border = kBorderDistricts.contains(district->code);
      old_.push_back({v, district->code, kind * (0.6 + 0.9 * dice_.Uniform()), border,
                      v->type == "Phường" ? dice_.Range(6, 14) : dice_.Range(5, 16)});
    }
    // New units: the size of what merged into them; border if any predecessor was.
    for (const UnitVersion* v : *new_units) {
      SampleUnit u{v, "", 0, false, 0};
      for (const LineageEvent* e : ws_.units().EventsInto(v->unit_id)) {
        for (const LineageLink& l : e->links) {
          for (const SampleUnit& o : old_) {
            if (o.version->unit_id == l.from) {
              u.size += o.size;
              u.border = u.border || o.border;
              u.villages += o.villages;
              successor_[o.version->code] = v->code;
            }
          }
        }
      }
      if (u.size == 0) continue;  // a unit of the rest of Quảng Ngãi, if imported
      new_.push_back(u);
    }
    return Ok();
  }

  // Synthetic members of the shipped (empty) group "border": 13 communes of the border districts,
  // as many as Kon Tum has, until 2025-06-30, then the communes they merged into. Chosen by
  // code, not by the dice, so the sample's figures do not move; done before CollectUnits, whose
  // units point into the registry that the import replaces.
  Status BorderGroup() {
    if (!ws_.units().FindGroup("border")) return Ok();  // a data folder without the groups
    auto communes = ListUnits(ws_, actor_, {"62", D(2022, 12, 31), UnitLevel::kCommune});
    if (!communes) return Fail(communes.error());
    std::vector<const UnitVersion*> border;
    for (const UnitVersion* v : *communes) {
      const UnitVersion* district = ws_.units().VersionOf(v->parent_id, D(2022, 12, 31));
      if (district && kBorderDistricts.contains(district->code)) border.push_back(v);
    }
    std::sort(border.begin(), border.end(),
              [](const UnitVersion* a, const UnitVersion* b) { return a->code < b->code; });
    std::string text =
        "antq-units\t1\n"
        "# DỮ LIỆU MẪU / SAMPLE DATA: synthetic border communes of the Kon Tum sample\n";
    std::set<std::string> successors;
    const size_t step = border.size() >= 26 ? 2 : 1;
    for (size_t i = 0, taken = 0; i < border.size() && taken < 13; i += step, ++taken) {
      text += fmt::format("member\tborder\t{}\t2019-01-01\t2025-06-30\n", border[i]->code);
      for (const LineageEvent* e : ws_.units().EventsFrom(border[i]->unit_id)) {
        if (e->date != kNewStart) continue;
        for (const LineageLink& l : e->links) {
          if (l.from != border[i]->unit_id) continue;
          if (const UnitVersion* next = ws_.units().VersionOf(l.to, kNewStart)) {
            successors.insert(next->code);
          }
        }
      }
    }
    for (const std::string& code : successors) {
      text += fmt::format("member\tborder\t{}\t2025-07-01\t\n", code);
    }
    auto imported = ImportUnitsText(ws_, actor_, text, "sample border communes");
    if (!imported) return Fail(imported.error());
    return Ok();
  }

  const std::vector<SampleUnit>& UnitsOn(Date d) const { return d <= kOldEnd ? old_ : new_; }

  // A day in [from, to], months weighted towards August (Ngày hội 19/8) and away from Tết.
  Date DayIn(Date from, Date to) {
    static const double kMonthWeight[] = {0.6, 0.5, 1.0, 1.0, 1.0, 1.0,
                                          1.3, 2.4, 1.1, 1.0, 1.0, 0.9};
    std::vector<Date> days;
    std::vector<double> weights;
    for (Date d = from; d <= to; d = d.AddDays(1)) {
      days.push_back(d);
      weights.push_back(kMonthWeight[d.month() - 1]);
    }
    return days[dice_.Pick(weights)];
  }

  const SampleUnit& UnitBy(const std::vector<SampleUnit>& units, bool border_bias) {
    std::vector<double> w;
    w.reserve(units.size());
    for (const SampleUnit& u : units) w.push_back(u.size * (border_bias && u.border ? 3.0 : 1.0));
    return units[dice_.Pick(w)];
  }

  Status Add(const std::string& reg, const SampleUnit& unit, Date date, RawFields fields) {
    EventInput in{reg, unit.version->code, date.ToString(), std::move(fields)};
    auto added = AddEvent(ws_, actor_, in, Date::Max());
    if (!added)
      return Fail(added.error().Within(fmt::format("sample {} {}", reg, date.ToString())));
    if (!added->unchanged) ++report_.events;
    return Ok();
  }

  std::string Village(const SampleUnit& u) {
    const int n = dice_.Range(1, u.villages);
    if (u.version->type == "Phường") return fmt::format("Tổ dân phố {}", n);
    static const std::vector<std::string> kPrefixes = {"Thôn", "Làng", "Thôn", "Làng", "Thôn"};
    return fmt::format("{} {}", dice_.OneOf(kPrefixes), n);
  }

  struct Segment {
    Date from;
    Date to;
    int sessions;
    int64_t participants;
  };

  Status Propaganda() {
    // 2019–2022 as the province reported it in March 2023; 2023 as the provincial police reported.
    const std::vector<Segment> segments = {{D(2019, 1, 1), D(2022, 12, 31), 2337, 527846},
                                           {D(2023, 1, 1), D(2023, 12, 31), 1390, 155033},
                                           {D(2024, 1, 1), D(2024, 12, 31), 1420, 161250},
                                           {D(2025, 1, 1), kOldEnd, 700, 79400},
                                           {kNewStart, D(2025, 12, 31), 720, 82100},
                                           {D(2026, 1, 1), kSampleEnd, 1180, 133700}};
    static const std::vector<std::string> kForms = {"meeting",     "meeting",      "meeting",
                                                    "loudspeaker", "door_to_door", "online",
                                                    "festival",    "other"};
    static const std::vector<std::string> kTopics = {
        "Phát động phong trào toàn dân bảo vệ an ninh Tổ quốc",
        "Vận động giao nộp vũ khí, vật liệu nổ, công cụ hỗ trợ",
        "Phòng, chống ma túy trong thanh thiếu niên",
        "Phòng, chống lừa đảo chiếm đoạt tài sản trên không gian mạng",
        "Phòng, chống xuất nhập cảnh trái phép qua biên giới",
        "Phòng, chống tội phạm mua bán người",
        "Luật Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở",
        "An toàn giao thông và phòng cháy, chữa cháy",
        "Không nghe, không theo kẻ xấu tuyên truyền đạo trái pháp luật"};
    for (const Segment& seg : segments) {
      std::vector<Date> dates;
      std::vector<const SampleUnit*> units;
      std::vector<double> raw;
      for (int i = 0; i < seg.sessions; ++i) {
        dates.push_back(DayIn(seg.from, seg.to));
        units.push_back(&UnitBy(UnitsOn(seg.from), false));
        raw.push_back((0.4 + dice_.Uniform()) * (0.7 + 0.3 * units.back()->size));
      }
      const auto participants = Apportion(seg.participants, raw, 15);
      for (int i = 0; i < seg.sessions; ++i) {
        const std::string form = dice_.OneOf(kForms);
        if (auto s = Add("propaganda", *units[i], dates[i],
                         {{"place", Village(*units[i])},
                          {"form", form},
                          {"topic", dice_.OneOf(kTopics)},
                          {"participants", std::to_string(participants[i])}});
            !s) {
          return s;
        }
      }
    }
    return Ok();
  }

  Status Handins() {
    struct HandinSegment {
      Segment seg;
      std::map<std::string, double> items;  // option -> total (counted options are whole)
    };
    const std::vector<HandinSegment> segments = {
        {{D(2019, 1, 1), D(2022, 12, 31), 856, 70912},
         {{"sung", 412},
          {"vu_khi_tho_so", 2096},
          {"linh_kien_sung", 318},
          {"luu_dan_bom_dan", 247},
          {"kip_no", 931},
          {"cong_cu_ho_tro", 1134},
          {"vat_lieu_no_kg", 186.5},
          {"phao_kg", 1240}}},
        {{D(2023, 1, 1), D(2023, 12, 31), 190, 15400},
         {{"sung", 81},
          {"vu_khi_tho_so", 455},
          {"linh_kien_sung", 52},
          {"luu_dan_bom_dan", 44},
          {"kip_no", 160},
          {"cong_cu_ho_tro", 240},
          {"vat_lieu_no_kg", 31},
          {"phao_kg", 310}}},
        {{D(2024, 1, 1), D(2024, 12, 31), 175, 14100},
         {{"sung", 70},
          {"vu_khi_tho_so", 402},
          {"linh_kien_sung", 41},
          {"luu_dan_bom_dan", 38},
          {"kip_no", 122},
          {"cong_cu_ho_tro", 233},
          {"vat_lieu_no_kg", 24.5},
          {"phao_kg", 285}}},
        {{D(2025, 1, 1), kOldEnd, 85, 6900},
         {{"sung", 33},
          {"vu_khi_tho_so", 190},
          {"linh_kien_sung", 20},
          {"luu_dan_bom_dan", 16},
          {"kip_no", 55},
          {"cong_cu_ho_tro", 110},
          {"vat_lieu_no_kg", 12},
          {"phao_kg", 140}}},
        {{kNewStart, D(2025, 12, 31), 90, 7300},
         {{"sung", 35},
          {"vu_khi_tho_so", 204},
          {"linh_kien_sung", 18},
          {"luu_dan_bom_dan", 15},
          {"kip_no", 60},
          {"cong_cu_ho_tro", 121},
          {"vat_lieu_no_kg", 11.5},
          {"phao_kg", 150}}},
        {{D(2026, 1, 1), kSampleEnd, 140, 11200},
         {{"sung", 52},
          {"vu_khi_tho_so", 300},
          {"linh_kien_sung", 29},
          {"luu_dan_bom_dan", 25},
          {"kip_no", 88},
          {"cong_cu_ho_tro", 190},
          {"vat_lieu_no_kg", 17},
          {"phao_kg", 230}}},
    };
    for (const HandinSegment& h : segments) {
      const Segment& seg = h.seg;
      std::vector<Date> dates;
      std::vector<const SampleUnit*> units;
      std::vector<double> raw;
      std::vector<double> item_weight;
      for (int i = 0; i < seg.sessions; ++i) {
        dates.push_back(DayIn(seg.from, seg.to));
        units.push_back(&UnitBy(UnitsOn(seg.from), true));
        raw.push_back((0.5 + dice_.Uniform()) * (0.7 + 0.3 * units.back()->size));
        // About a third of sessions recover nothing; border sessions recover more.
        item_weight.push_back(
            dice_.Chance(0.35) ? 0.0 : (units.back()->border ? 3.0 : 1.0) * dice_.Uniform());
      }
      const auto participants = Apportion(seg.participants, raw, 12);
      std::vector<std::map<std::string, double>> items(static_cast<size_t>(seg.sessions));
      for (const auto& [option, total] : h.items) {
        const bool kg = option.ends_with("_kg");
        // Kilograms are shared out in half-kilogram steps.
        const int64_t steps =
            kg ? static_cast<int64_t>(std::llround(total * 2)) : static_cast<int64_t>(total);
        std::vector<double> w = item_weight;
        for (double& x : w) x *= dice_.Uniform();
        const auto shares = Apportion(steps, w, 0);
        for (size_t i = 0; i < shares.size(); ++i) {
          if (shares[i] > 0)
            items[i][option] =
                kg ? static_cast<double>(shares[i]) / 2.0 : static_cast<double>(shares[i]);
        }
      }
      static const std::vector<std::string> kModes = {
          "voluntary", "voluntary", "voluntary", "voluntary", "voluntary",
          "voluntary", "voluntary", "voluntary", "seized",    "required"};
      for (int i = 0; i < seg.sessions; ++i) {
        RawFields f = {{"participants", std::to_string(participants[static_cast<size_t>(i)])},
                       {"mode", dice_.OneOf(kModes)}};
        for (const auto& [option, q] : items[static_cast<size_t>(i)]) {
          f["items." + option] = fmt::format("{}", q);
        }
        if (auto s =
                Add("handin", *units[static_cast<size_t>(i)], dates[static_cast<size_t>(i)], f);
            !s)
          return s;
      }
    }
    return Ok();
  }

  std::string ModelType(const SampleUnit& u) {
    if (u.border && dice_.Chance(0.4))
      return dice_.Chance(0.5) ? "duong_bien_cot_moc" : "bien_gioi_binh_yen";
    if (u.version->type == "Phường" && dice_.Chance(0.4)) return "camera_an_ninh";
    if (dice_.Chance(0.1)) return "to_lien_gia";
    if (dice_.Chance(0.05)) return "ton_giao";
    return "tu_phong_tu_quan";
  }

  std::string ModelName(const std::string& type, const SampleUnit& u) {
    const std::string place = Village(u);
    if (type == "duong_bien_cot_moc") return "Tự quản đường biên, cột mốc " + place;
    if (type == "bien_gioi_binh_yen") return "Biên giới bình yên " + place;
    if (type == "camera_an_ninh") return "Camera an ninh " + place;
    if (type == "to_lien_gia") return "Tổ liên gia tự quản " + place;
    if (type == "ton_giao") return "Giáo họ bình yên " + place;
    return "Tự phòng, tự quản, tự bảo vệ, tự hòa giải " + place;
  }

  Status Models() {
    struct Model {
      const SampleUnit* unit;
      Date established;
      std::optional<Date> ended;
      std::string type;
      std::string name;
      int members;
      bool continued = false;  // re-registered with the new commune on 2025-07-01
    };
    std::vector<Model> models;
    std::map<std::string, std::vector<const SampleUnit*>> by_district;
    for (const SampleUnit& u : old_) by_district[u.district].push_back(&u);
    // 48 working on 2022-12-31: three in each district-level unit, 18 more where people are.
    std::vector<std::string> districts;
    districts.reserve(by_district.size());
    for (const auto& [d, units] : by_district) districts.push_back(d);
    std::vector<std::string> homes;
    for (const std::string& d : districts) {
      for (int k = 0; k < 3; ++k) homes.push_back(d);
    }
    std::vector<double> w;
    for (const std::string& d : districts) {
      double s = 0;
      for (const SampleUnit* u : by_district[d]) s += u->size;
      w.push_back(s);
    }
    for (int k = 0; k < 18; ++k) homes.push_back(districts[dice_.Pick(w)]);
    auto make = [&](const SampleUnit* u, Date from, std::optional<Date> to) {
      const std::string type = ModelType(*u);
      models.push_back({u, from, to, type, ModelName(type, *u), dice_.Range(12, 60)});
    };
    for (const std::string& d : homes) {
      const auto& units = by_district[d];
      const SampleUnit* u = units[dice_.Range(0, static_cast<int>(units.size()) - 1)];
      make(u, DayIn(D(2015, 3, 1), D(2022, 11, 30)), std::nullopt);
    }
    // Nine that stopped before the end of 2022, eight founded later on the old units.
    for (int k = 0; k < 9; ++k) {
      const Date from = DayIn(D(2016, 1, 1), D(2019, 12, 31));
      make(&UnitBy(old_, false), from, DayIn(D(2020, 6, 1), D(2022, 10, 31)));
    }
    for (int k = 0; k < 8; ++k)
      make(&UnitBy(old_, false), DayIn(D(2023, 2, 1), D(2025, 5, 31)), std::nullopt);
    // On 2025-07-01 the communes changed: every working model closes its record on the old unit
    // and carries on, registered again with the new commune.
    const size_t old_count = models.size();
    for (size_t i = 0; i < old_count; ++i) {
      if (models[i].ended) continue;
      models[i].ended = kOldEnd;
      const std::string successor = successor_.at(models[i].unit->version->code);
      for (const SampleUnit& n : new_) {
        if (n.version->code == successor) {
          models.push_back({&n, kNewStart, std::nullopt, models[i].type, models[i].name,
                            models[i].members + dice_.Range(0, 8), true});
        }
      }
    }
    for (int k = 0; k < 5; ++k)
      make(&UnitBy(new_, false), DayIn(D(2025, 9, 1), D(2026, 8, 31)), std::nullopt);
    for (const Model& m : models) {
      const bool carried = m.ended == kOldEnd;
      RawFields f = {{"name", m.name},
                     {"model_type", m.type},
                     {"units_covered", m.unit->version->code},
                     {"established", m.established.ToString()},
                     {"members", std::to_string(m.members)},
                     {"status", m.ended && !carried ? "ended" : "active"}};
      if (m.ended) f["ended"] = m.ended->ToString();
      f["evaluation"] = carried ? "Tiếp tục duy trì sau sắp xếp đơn vị hành chính từ 01/7/2025"
                        : m.continued ? "Kế thừa mô hình của xã cũ trước sắp xếp"
                        : m.ended ? "Ngừng hoạt động, thành viên chuyển sang tổ tự quản của thôn"
                                  : "Hoạt động hiệu quả, góp phần giữ vững an ninh, trật tự";
      if (auto s = Add("model", *m.unit, m.established, f); !s) return s;
    }
    return Ok();
  }

  Status Festivals() {
    for (int year = 2019; year <= 2026; ++year) {
      const Date from = D(year, 8, 5);
      for (const SampleUnit& u : UnitsOn(from)) {
        if (auto s = Add("festival", u, DayIn(from, D(year, 8, 25)),
                         {{"level", "commune"},
                          {"participants",
                           std::to_string(static_cast<int>(150 + 420 * u.size * dice_.Uniform()))},
                          {"awards", std::to_string(dice_.Range(0, 4))},
                          {"gifts_million_vnd", std::to_string(dice_.Range(5, 40))}});
            !s) {
          return s;
        }
      }
    }
    return Ok();
  }

  Status Inspection() {
    const nlohmann::json recommendations = {
        {{"text",
          "Đề nghị Chính phủ, Bộ Công an có chính sách đối với cán bộ làm công tác xây dựng phong "
          "trào toàn dân bảo vệ an ninh Tổ quốc"},
         {"owner", "Chính phủ; Bộ Công an"},
         {"status", "open"}},
        {{"text",
          "Đề nghị bố trí nguồn kinh phí riêng để duy trì, nhân rộng các mô hình, điển hình tiên "
          "tiến"},
         {"owner", "Chính phủ; Bộ Tài chính"},
         {"status", "open"}},
        {{"text",
          "Đề nghị ban hành quy định chung của Nhà nước về xây dựng, nhân rộng mô hình quần chúng "
          "tự quản về an ninh, trật tự"},
         {"owner", "Bộ Công an"},
         {"status", "in_progress"}},
        {{"text", "Tiếp tục giữ vững sự lãnh đạo thường xuyên của cấp ủy đảng đối với phong trào"},
         {"owner", "Tỉnh ủy Kon Tum"},
         {"deadline", "2023-12-31"},
         {"status", "done"}},
        {{"text", "Tăng cường kiểm tra, giám sát, đánh giá thực chất phong trào ở cơ sở"},
         {"owner", "Ban Chỉ đạo tỉnh; Công an tỉnh"},
         {"deadline", "2024-06-30"},
         {"status", "in_progress"}},
        {{"text", "Đẩy mạnh tuyên truyền, vận động quần chúng tham gia phong trào"},
         {"owner", "Ban Tuyên giáo Tỉnh ủy; Công an tỉnh"},
         {"deadline", "2023-12-31"},
         {"status", "done"}}};
    const SampleUnit province{ws_.units().Find("62", D(2023, 3, 28)), "", 1, false, 0};
    return Add("inspection", province, D(2023, 3, 28),
               {{"decision_number", "Quyết định số 01-QĐ/ĐKT (số hiệu mẫu)"},
                {"decision_date", "2023-02-20"},
                {"issuing_body", "Ban Nội chính Trung ương"},
                {"head_title", "Phó Trưởng Ban Nội chính Trung ương"},
                {"members",
                 "Đại diện Ban Nội chính Trung ương; Cục Xây dựng phong trào bảo vệ an ninh Tổ "
                 "quốc (V05), Bộ Công an"},
                {"scope_unit", "62"},
                {"period_from", "2019-01-01"},
                {"period_to", "2022-12-31"},
                {"subject",
                 "Kiểm tra, đánh giá kết quả thực hiện Kết luận số 44-KL/TW ngày 22/01/2019 của "
                 "Ban Bí thư"},
                {"findings",
                 "Cấp ủy, chính quyền các cấp quan tâm lãnh đạo, chỉ đạo; phong trào có chuyển "
                 "biến tích cực; một số nơi còn hình thức, chưa đồng đều."},
                {"recommendations", recommendations.dump()}});
  }

  Status SetReport(const std::string& data_set, const SampleUnit& u, const std::string& period,
                   const std::vector<ValueInput>& values) {
    auto s = SetValues(ws_, actor_, {u.version->code, data_set, period}, values, Date::Max());
    if (!s)
      return Fail(
          s.error().Within(fmt::format("sample {} {} {}", data_set, u.version->code, period)));
    report_.values += s->added + s->updated;
    return Ok();
  }

  static std::string N(int64_t v) { return std::to_string(v); }

  Status MonthlyReports() {
    // Per unit, the standing figures drift slowly; the monthly counts are small.
    struct Standing {
      int anninh, tuquan, hoagiai, baove, cameras, shock;
    };
    std::map<std::string, Standing> standing;
    auto profile = [&](const SampleUnit& u) {
      const int v = u.villages;
      return Standing{std::max(2, v / 2 + dice_.Range(0, 3)),
                      v + dice_.Range(0, 4),
                      v,
                      std::max(2, v / 2),
                      static_cast<int>(u.size * dice_.Range(0, 12)),
                      dice_.Range(1, 3)};
    };
    for (Period p = *Period::Parse("201901"); p.Code() <= "202610"; p = p.Next()) {
      const bool old_units = p.Code() <= "202506";
      for (const SampleUnit& u : old_units ? old_ : new_) {
        auto [it, fresh] = standing.try_emplace(u.version->code);
        if (fresh) it->second = profile(u);
        Standing& s = it->second;
        if (p.index() == 1) s.cameras += dice_.Range(0, 3);
        const int received = dice_.Range(0, 3);
        const int tips = dice_.Range(1, 6) + static_cast<int>(u.size * 3);
        const int cases = dice_.Chance(0.35) ? dice_.Range(1, 3) : 0;
        const int cleared = cases == 0 ? 0 : cases - (dice_.Chance(0.2) ? 1 : 0);
        std::vector<ValueInput> v = {
            {"security.teams_anninh", "", N(s.anninh), ""},
            {"security.teams_anninh_members", "", N(s.anninh * 5), ""},
            {"security.teams_tuquan", "", N(s.tuquan), ""},
            {"security.teams_tuquan_members", "", N(s.tuquan * 8), ""},
            {"security.teams_hoagiai", "", N(s.hoagiai), ""},
            {"security.teams_hoagiai_members", "", N(s.hoagiai * 5), ""},
            {"security.cases_received", "", N(received), ""},
            {"security.cases_reconciled", "",
             N(received - (received > 0 && dice_.Chance(0.25) ? 1 : 0)), ""},
            {"security.cameras", "", N(s.cameras), ""},
            {"tips.received", "", N(tips), ""},
            {"tips.valuable", "", N(tips * dice_.Range(55, 75) / 100), ""},
            {"education.under_management", "", N(dice_.Range(0, 6)), ""},
            {"education.released", "", N(dice_.Chance(0.15) ? 1 : 0), ""},
            {"crime.social_order_cases", "", N(cases), ""},
            {"crime.cases_cleared", "", N(cleared), ""},
            {"crime.suspects", "", N(cleared + (cleared > 0 ? dice_.Range(0, 2) : 0)), ""},
            {"online.posts", "", N(dice_.Range(0, 12)), ""},
            {"prestige.mobilisations", "", N(dice_.Range(2, 25)), ""},
            {"documents.issued", "", N(dice_.Range(0, 3)), ""},
            {"youth.shock_teams", "", N(s.shock), ""},
            {"handin.voluntary_cases", "",
             N(u.border ? dice_.Range(0, 2) : (dice_.Chance(0.2) ? 1 : 0)), ""}};
        // A few typing slips, as in real entry, for the validation rules to find (antq validate):
        // more valuable tips than tips (an error) and more cases reconciled than received (a
        // warning).
        const bool error_slip =
            &u == &old_.front() && (p.Code() == "202211" || p.Code() == "202304");
        const bool warning_slip = &u == &old_.back() && p.Code() == "202212";
        if (error_slip) v[10].value = N(tips + 3);
        if (warning_slip) v[7].value = N(received + 1);
        if (p.Code() >= "202407") {
          v.push_back({"security.teams_baove", "", N(s.baove), ""});
          v.push_back({"security.teams_baove_members", "", N(s.baove * 3 + dice_.Range(0, 2)), ""});
        } else {
          v.push_back(
              {"security.teams_bvdp", "", N(u.version->type == "Phường" ? s.baove : 0), ""});
          v.push_back({"security.teams_danphong", "", N(1), ""});
        }
        if (auto st = SetReport("commune-monthly", u, p.Code(), v); !st) return st;
        if (!error_slip && !warning_slip) {
          if (auto st = Arrive(u, p); !st) return st;
        }
      }
    }
    return Ok();
  }

  // When a commune's monthly report came in, against the deadline of data_sets.toml (2 days
  // after the 14th): most on time, about one in eight days late, a few never. Reports with a
  // typing slip stay drafts, and so do months whose window has not closed.
  Status Arrive(const SampleUnit& u, const Period& p) {
    auto calendar = Calendar::Find("decree09");
    if (!calendar) return Fail(calendar.error());
    auto window = (*calendar)->Window(p);
    if (!window) return Fail(window.error());
    if (Date::Today() <= window->end) return Ok();
    const double roll = arrivals_.Uniform();
    if (roll < 0.03) return Ok();
    const int days = roll < 0.88 ? arrivals_.Range(0, 2) : arrivals_.Range(3, 12);
    ReportStatus status;
    status.unit_id = u.version->unit_id;
    status.data_set = "commune-monthly";
    status.period = p.Code();
    status.state = ReportState::kSubmitted;
    status.changed_by = kUser;
    status.changed_at = window->end.AddDays(days).ToString() + "T09:00:00Z";
    status.submitted_at = status.changed_at;
    return ws_.store().PutReportStatus(status);
  }

  // Entities under a commune that register for ATANTT, by TT 124 entity type.
  struct Entities {
    int total[4];
    int registered[4];
    int recognised[4];
  };
  static constexpr const char* kEntityTypes[4] = {"khu_dan_cu", "co_quan", "doanh_nghiep",
                                                  "co_so_giao_duc"};

  Entities EntitiesOf(const SampleUnit& u, double share) {
    Entities e{};
    const int totals[4] = {u.villages, dice_.Range(2, 6), dice_.Range(0, 4), dice_.Range(1, 3)};
    for (int i = 0; i < 4; ++i) {
      e.total[i] = e.registered[i] = totals[i];
      e.recognised[i] = static_cast<int>(std::ceil(totals[i] * share));
    }
    return e;
  }

  Status Atantt() {
    for (int year = 2022; year <= 2026; ++year) {
      const bool old_units = year <= 2024;
      const auto& units = old_units ? old_ : new_;
      // Which communes fail, and why: for 2022 exactly 15 of the 85 xã (the figure the province
      // reported), and 2 of the 17 phường and thị trấn.
      std::vector<std::string> reasons(units.size());
      if (year == 2022) {
        std::vector<size_t> xa;
        std::vector<size_t> towns;
        for (size_t i = 0; i < units.size(); ++i) {
          (units[i].version->type == "Xã" ? xa : towns).push_back(i);
        }
        const std::vector<std::string> xa_reasons = {
            "ratio",         "ratio",         "ratio",        "ratio",        "ratio",
            "no_model",      "no_model",      "no_model",     "disciplined",  "disciplined",
            "no_resolution", "no_resolution", "registration", "registration", "art4"};
        for (const std::string& r : xa_reasons) {
          size_t pick;
          do {
            pick = xa[static_cast<size_t>(dice_.Range(0, static_cast<int>(xa.size()) - 1))];
          } while (!reasons[pick].empty());
          reasons[pick] = r;
        }
        for (const std::string r : {"ratio", "disciplined"}) {
          size_t pick;
          do {
            pick = towns[static_cast<size_t>(dice_.Range(0, static_cast<int>(towns.size()) - 1))];
          } while (!reasons[pick].empty());
          reasons[pick] = r;
        }
      } else {
        static const std::vector<std::string> kAny = {
            "ratio", "ratio", "no_model", "disciplined", "no_resolution", "registration", "art4"};
        for (std::string& r : reasons) {
          if (dice_.Chance(year <= 2024 ? 0.15 : 0.1)) r = dice_.OneOf(kAny);
        }
      }
      for (size_t i = 0; i < units.size(); ++i) {
        const SampleUnit& u = units[i];
        const std::string& why = reasons[i];
        Entities e = EntitiesOf(
            u, why == "ratio" ? 0.55 + 0.1 * dice_.Uniform() : 0.75 + 0.25 * dice_.Uniform());
        if (why == "ratio" && year == 2022 && i == FirstWith(reasons, "ratio")) {
          // The worked example of the rule: 16 of 25 residential areas (64 %).
          e.total[0] = e.registered[0] = 25;
          e.recognised[0] = 16;
          for (int k = 1; k < 4; ++k) e.recognised[k] = e.total[k] / 2;
        }
        if (why == "registration") e.registered[0] = std::max(0, e.total[0] - dice_.Range(1, 2));
        if (why == "ratio") {
          // Clause 4 counts the four kinds together; rounding each kind up can lift a commune
          // meant to fail to 70 %, so take residential areas off until it is below.
          auto share = [&] {
            int recognised = 0;
            int total = 0;
            for (int k = 0; k < 4; ++k) {
              recognised += std::min(e.recognised[k], e.registered[k]);
              total += e.total[k];
            }
            return total == 0 ? 1.0 : double(recognised) / total;
          };
          while (share() >= 0.7 && e.recognised[0] > 0) --e.recognised[0];
        }
        std::vector<ValueInput> v = {
            {"atantt.q1_resolution", "", why == "no_resolution" ? "0" : "1", ""},
            {"atantt.q1_plan", "", "1", ""},
            {"atantt.resolution_ref", "",
             why == "no_resolution"
                 ? std::string("Chưa ban hành nghị quyết quý I")
                 : fmt::format("Nghị quyết số {:02d}-NQ/ĐU ngày {:02d}/{:02d}/{}; Kế hoạch số "
                               "{:02d}/KH-UBND",
                               dice_.Range(1, 12), dice_.Range(5, 28), dice_.Range(1, 3), year,
                               dice_.Range(10, 60)),
             ""},
            {"atantt.models_working", "", N(why == "no_model" ? 0 : dice_.Range(1, 4)), ""},
            {"atantt.disciplined_officers", "", N(why == "disciplined" ? 1 : 0), ""},
            {"atantt.art4_clauses_met", "", why == "art4" ? "0" : "1", ""},
            {"atantt.commune_recognised", "", why.empty() ? "1" : "0", ""}};
        for (int k = 0; k < 4; ++k) {
          v.push_back({"atantt.total", kEntityTypes[k], N(e.total[k]), ""});
          v.push_back({"atantt.registered", kEntityTypes[k], N(e.registered[k]), ""});
          v.push_back({"atantt.recognised", kEntityTypes[k],
                       N(std::min(e.recognised[k], e.registered[k])), ""});
        }
        if (auto s = SetReport("atantt-commune", u, N(year), v); !s) return s;
        if (year == 2022) recognised_2022_[u.version->code] = why.empty();
      }
    }
    return Ok();
  }

  static size_t FirstWith(const std::vector<std::string>& reasons, const std::string& r) {
    return static_cast<size_t>(std::find(reasons.begin(), reasons.end(), r) - reasons.begin());
  }

  Status Classification() {
    // Item scores of the commune sheet (data/catalog/scoring.toml): each item earns about the
    // same share of its maximum, the reviewer takes a few points off.
    static const std::vector<std::pair<std::string, double>> kItems = {
        {"score.leadership", 15}, {"score.propaganda", 15}, {"score.models", 20},
        {"score.crime", 25},      {"score.forces", 10},     {"score.atantt", 15}};
    for (int year = 2022; year <= 2026; ++year) {
      for (const SampleUnit& u : year <= 2024 ? old_ : new_) {
        const double share = 0.62 + 0.36 * dice_.Uniform();
        const bool reviewed = year < 2026 || dice_.Chance(0.5);  // 2026 is still under review
        std::vector<ValueInput> v;
        double review_total = 0;
        for (const auto& [element, max] : kItems) {
          const double self =
              std::round(max * std::min(1.0, share + 0.08 * (dice_.Uniform() - 0.5)));
          const double review = std::max(0.0, self - (dice_.Chance(0.3) ? 1 : 0));
          v.push_back({element + ".self", "", N(static_cast<int64_t>(self)), ""});
          if (reviewed) v.push_back({element + ".review", "", N(static_cast<int64_t>(review)), ""});
          review_total += reviewed ? review : self;
        }
        const char* cls = review_total >= 90   ? "xuat_sac"
                          : review_total >= 70 ? "kha"
                          : review_total >= 50 ? "trung_binh"
                                               : "yeu";
        v.push_back({"classification.class", cls, "1", ""});
        for (ValueInput& in : v) {
          // ELEMENT.OPTION as the command line writes it.
          const size_t dot = in.element.rfind('.');
          if (in.element.starts_with("score.")) {
            in.option = in.element.substr(dot + 1);
            in.element = in.element.substr(0, dot);
          }
        }
        if (auto s = SetReport("classification", u, N(year), v); !s) return s;
      }
    }
    return Ok();
  }

  Status Ntm() {
    // New Rural criteria concern xã only.
    for (int year = 2019; year <= 2025; ++year) {
      for (const SampleUnit& u : year <= 2024 ? old_ : new_) {
        if (u.version->type != "Xã") continue;
        const bool met = year == 2022 ? recognised_2022_.at(u.version->code) : dice_.Chance(0.84);
        const std::vector<ValueInput> v = {
            {"ntm.petitions_prolonged", "", N(met ? 0 : (dice_.Chance(0.3) ? 1 : 0)), ""},
            {"ntm.serious_crimes", "", N(met ? 0 : (dice_.Chance(0.3) ? 1 : 0)), ""},
            {"ntm.art4_3_ae_clear", "", met || dice_.Chance(0.5) ? "1" : "0", ""},
            {"ntm.criterion_19_2_met", "", met ? "1" : "0", ""}};
        if (auto s = SetReport("ntm-commune", u, N(year), v); !s) return s;
      }
    }
    return Ok();
  }

  Workspace& ws_;
  const Actor actor_ = Actor::LocalOperator(kUser);
  const Progress& progress_;
  Dice dice_;
  Dice arrivals_;  // when reports came in: a dice of its own leaves the figures as they were
  std::vector<SampleUnit> old_;
  std::vector<SampleUnit> new_;
  std::map<std::string, std::string> successor_;  // old commune code -> new commune code
  std::map<std::string, bool> recognised_2022_;
  SampleReport report_;
};

}  // namespace

Result<SampleReport> LoadKonTumSample(Workspace& ws, const Progress& progress) {
  auto loaded = ws.store().GetMeta("sample");
  if (!loaded) return Fail(loaded.error());
  if (*loaded) {
    SampleReport r;
    r.already_loaded = true;
    return r;
  }
  auto tx = ws.store().Begin();
  if (!tx) return Fail(tx.error());
  auto report = SampleBuilder(ws, progress).Run();
  if (!report) {
    ws.set_analytics(nullptr);  // it saw writes that are now rolled back
    return Fail(report.error());
  }
  if (auto s = ws.store().SetMeta("sample", kSampleNotice); !s) return Fail(s.error());
  if (auto s = (*tx)->Commit(); !s) return Fail(s.error());
  ws.set_has_sample(true);
  return report;
}

}  // namespace antq
