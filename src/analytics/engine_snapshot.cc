#include "analytics/engine_snapshot.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bit>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <system_error>
#include <type_traits>
#include <vector>

#include "common/file_replace.h"

namespace antq::analytics {
namespace {

constexpr char kMagic[8] = {'A', 'N', 'T', 'Q', 'E', 'N', 'G', '\0'};
constexpr uint32_t kFormatVersion = 1;
constexpr uint32_t kByteOrderMark = 0x01020304;
// magic, version, byte order, file length, checksum: the part the checksum does not cover.
constexpr size_t kHeaderBytes = 32;
constexpr size_t kLengthOffset = 16;
// A unit id beyond this is corrupt: ids are small and dense (Series keeps a table indexed by id,
// which this bounds to 256 MB).
constexpr int64_t kMaxUnitId = int64_t{1} << 26;

// A 64-bit hash of a byte stream, fed in pieces whose sizes are multiples of 32 bytes but for the
// last: four lanes of multiply-rotate over 8-byte words, which runs at memory speed.
class Checksum {
 public:
  void Update(const unsigned char* p, size_t n) {
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
      for (size_t k = 0; k < 4; ++k) lanes_[k] = Round(lanes_[k], Word(p + i + 8 * k));
    }
    for (; i + 8 <= n; i += 8) lanes_[0] = Round(lanes_[0], Word(p + i));
    if (i < n) {
      uint64_t last = 0;
      std::memcpy(&last, p + i, n - i);
      lanes_[1] = Round(lanes_[1], last ^ (n - i));
    }
    length_ += n;
  }
  uint64_t Final() const {
    uint64_t h = std::rotl(lanes_[0], 1) + std::rotl(lanes_[1], 7) + std::rotl(lanes_[2], 12) +
                 std::rotl(lanes_[3], 18);
    h ^= length_;
    h ^= h >> 33;
    h *= kPrime2;
    h ^= h >> 29;
    h *= kPrime3;
    h ^= h >> 32;
    return h;
  }

 private:
  static constexpr uint64_t kPrime1 = 0x9E3779B185EBCA87ULL;
  static constexpr uint64_t kPrime2 = 0xC2B2AE3D27D4EB4FULL;
  static constexpr uint64_t kPrime3 = 0x165667B19E3779F9ULL;
  static uint64_t Word(const unsigned char* p) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    return w;
  }
  static uint64_t Round(uint64_t lane, uint64_t word) {
    return std::rotl(lane + word * kPrime2, 31) * kPrime1;
  }
  uint64_t lanes_[4] = {kPrime1 + kPrime2, kPrime2, 0, 0 - kPrime1};
  uint64_t length_ = 0;
};

// Buffered output that hashes what it writes after the header.
class Writer {
 public:
  explicit Writer(std::FILE* f) : f_(f) { buffer_.reserve(kBuffer); }
  template <typename T>
  void Put(const T& x) {
    static_assert(std::is_trivially_copyable_v<T>);
    Bytes(&x, sizeof x);
  }
  void Bytes(const void* data, size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    while (n > 0) {
      const size_t take = std::min(n, kBuffer - buffer_.size());
      buffer_.insert(buffer_.end(), p, p + take);
      p += take;
      n -= take;
      if (buffer_.size() == kBuffer) Drain();
    }
  }
  void String(std::string_view s) {
    Put(static_cast<uint32_t>(s.size()));
    Bytes(s.data(), s.size());
  }
  template <typename T>
  void Array(const std::vector<T>& v) {
    Put(static_cast<uint64_t>(v.size()));
    Bytes(v.data(), v.size() * sizeof(T));
  }
  // Writes what is left; the checksum and the byte count of everything hashed.
  std::pair<uint64_t, uint64_t> Finish() {
    Drain();
    return {sum_.Final(), written_};
  }
  bool ok() const { return ok_; }

 private:
  static constexpr size_t kBuffer = size_t{1} << 20;  // a multiple of 32 (see Checksum)
  void Drain() {
    if (buffer_.empty()) return;
    sum_.Update(buffer_.data(), buffer_.size());
    ok_ = ok_ && std::fwrite(buffer_.data(), 1, buffer_.size(), f_) == buffer_.size();
    written_ += buffer_.size();
    buffer_.clear();
  }
  std::FILE* f_;
  std::vector<unsigned char> buffer_;
  Checksum sum_;
  uint64_t written_ = 0;
  bool ok_ = true;
};

// Reads from the mapped file; every read is bounds-checked, and a count is checked against the
// bytes left before anything is allocated for it.
class Reader {
 public:
  Reader(const unsigned char* p, size_t n) : p_(p), end_(p + n) {}
  template <typename T>
  bool Get(T& x) {
    static_assert(std::is_trivially_copyable_v<T>);
    if (static_cast<size_t>(end_ - p_) < sizeof x) return false;
    std::memcpy(&x, p_, sizeof x);
    p_ += sizeof x;
    return true;
  }
  bool String(std::string& s) {
    uint32_t n = 0;
    if (!Get(n) || static_cast<size_t>(end_ - p_) < n) return false;
    s.assign(reinterpret_cast<const char*>(p_), n);
    p_ += n;
    return true;
  }
  template <typename T>
  bool Array(std::vector<T>& v) {
    uint64_t n = 0;
    if (!Get(n) || n > static_cast<uint64_t>(end_ - p_) / sizeof(T)) return false;
    v.resize(n);
    if (n > 0) std::memcpy(v.data(), p_, n * sizeof(T));
    p_ += n * sizeof(T);
    return true;
  }
  // Whether `n` items of `each` bytes can still follow.
  bool Holds(uint64_t n, size_t each) const { return n <= static_cast<uint64_t>(end_ - p_) / each; }
  bool at_end() const { return p_ == end_; }

 private:
  const unsigned char* p_;
  const unsigned char* end_;
};

// A read-only mapping of a whole file, unmapped when it goes.
class Mapping {
 public:
  ~Mapping() {
    if (data_) ::munmap(data_, size_);
  }
  Status Open(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      const int e = errno;
      return Fail(e == ENOENT ? ErrorCode::kNotFound : ErrorCode::kIo,
                  fmt::format("cannot open: {}", std::strerror(e)), path.string());
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
      ::close(fd);
      return Fail(ErrorCode::kIo, "cannot read its size", path.string());
    }
    size_ = static_cast<size_t>(st.st_size);
    if (size_ > 0) {
      void* m = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
      if (m == MAP_FAILED) {
        ::close(fd);
        return Fail(ErrorCode::kIo, "cannot map it into memory", path.string());
      }
      data_ = m;
      // Read ahead the whole file at once: it is read from start to end.
      ::madvise(data_, size_, MADV_SEQUENTIAL);
      ::madvise(data_, size_, MADV_WILLNEED);
    }
    ::close(fd);
    return Ok();
  }
  const unsigned char* data() const { return static_cast<const unsigned char*>(data_); }
  size_t size() const { return size_; }

 private:
  void* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace

// Engine and Series name this class a friend: it is the one place that sees their insides.
class SnapshotCodec {
 public:
  static void Write(const Engine& engine, Writer& w) {
    w.Put(static_cast<uint64_t>(engine.value_count_));
    w.Put(static_cast<uint64_t>(engine.series_.size()));
    for (const auto& [key, series] : engine.series_) {
      const auto& [element, option, data_set, type] = key;
      w.String(element);
      w.String(option);
      w.String(data_set);
      w.Put(static_cast<uint8_t>(type));
      WriteSeries(*series, w);
    }
    w.Put(static_cast<uint64_t>(engine.events_.size()));
    for (const auto& [code, records] : engine.events_) {
      w.String(code);
      w.Put(static_cast<uint64_t>(records.size()));
      for (const Engine::EventRecord& r : records) {
        w.Put(r.id);
        w.Put(static_cast<int64_t>(r.unit));
        w.Put(r.date.days());
        w.Put(static_cast<uint8_t>((r.active_from ? 1 : 0) | (r.active_to ? 2 : 0)));
        if (r.active_from) w.Put(r.active_from->days());
        if (r.active_to) w.Put(r.active_to->days());
        w.Put(static_cast<uint32_t>(r.numbers.size()));
        for (const auto& [field, number] : r.numbers) {
          w.String(field);
          w.Put(number);
        }
      }
    }
  }

  // False when the bytes do not describe an engine (nothing is trusted: counts, ids and offsets
  // are all checked, so a bad file cannot make the engine read out of bounds).
  static bool Read(Reader& r, Engine& engine) {
    uint64_t value_count = 0, series_count = 0;
    if (!r.Get(value_count) || !r.Get(series_count)) return false;
    uint64_t counted = 0;
    for (uint64_t i = 0; i < series_count; ++i) {
      std::string element, option, data_set;
      uint8_t type = 0;
      if (!r.String(element) || !r.String(option) || !r.String(data_set) || !r.Get(type) ||
          type > static_cast<uint8_t>(PeriodType::kYearly)) {
        return false;
      }
      const auto period_type = static_cast<PeriodType>(type);
      auto [it, added] =
          engine.series_.try_emplace(Engine::SeriesKey{element, option, data_set, period_type},
                                     std::make_unique<Series>(period_type, data_set));
      if (!added) return false;
      if (!ReadSeries(r, *it->second, counted)) return false;
      engine.by_element_[element].emplace_back(option, it->second.get());
    }
    if (counted != value_count) return false;
    engine.value_count_ = value_count;
    uint64_t registers = 0;
    if (!r.Get(registers)) return false;
    for (uint64_t i = 0; i < registers; ++i) {
      std::string code;
      uint64_t n = 0;
      if (!r.String(code) || !r.Get(n) || engine.events_.count(code) > 0) return false;
      auto& list = engine.events_[code];
      for (uint64_t j = 0; j < n; ++j) {
        Engine::EventRecord e;
        int64_t unit = 0, day = 0;
        uint8_t flags = 0;
        uint32_t numbers = 0;
        if (!r.Get(e.id) || !r.Get(unit) || !r.Get(day) || !r.Get(flags) || flags > 3) return false;
        e.unit = unit;
        e.date = Date::FromDays(day);
        if (flags & 1) {
          if (!r.Get(day)) return false;
          e.active_from = Date::FromDays(day);
        }
        if (flags & 2) {
          if (!r.Get(day)) return false;
          e.active_to = Date::FromDays(day);
        }
        if (!r.Get(numbers)) return false;
        for (uint32_t k = 0; k < numbers; ++k) {
          std::string field;
          double number = 0;
          if (!r.String(field) || !r.Get(number)) return false;
          e.numbers.emplace_back(std::move(field), number);
        }
        if (!engine.event_slot_.try_emplace(e.id, code, list.size()).second) return false;
        list.push_back(std::move(e));
      }
    }
    return r.at_end();
  }

 private:
  static void WriteSeries(const Series& s, Writer& w) {
    w.Put(s.min_period_);
    w.Put(s.max_period_);
    w.Array(s.column_units_);
    w.Put(static_cast<uint64_t>(s.blocks_.size()));
    for (const Series::Block& b : s.blocks_) {
      w.Array(b.starts);
      w.Array(b.periods);
      w.Array(b.values);
    }
    w.Put(static_cast<uint64_t>(s.exact_.size()));
    for (const auto& [key, value] : s.exact_) {
      w.Put(key);
      w.Put(value);
    }
  }

  static bool ReadSeries(Reader& r, Series& s, uint64_t& counted) {
    uint64_t blocks = 0;
    if (!r.Get(s.min_period_) || !r.Get(s.max_period_) || !r.Array(s.column_units_) ||
        !r.Get(blocks)) {
      return false;
    }
    const size_t columns = s.column_units_.size();
    if (blocks != (columns + Series::kBlockColumns - 1) / Series::kBlockColumns) return false;
    // The table from unit id to column, as Series::ColumnIndex would have made it.
    UnitId top = -1;
    for (UnitId u : s.column_units_) {
      if (u < 0 || u >= kMaxUnitId) return false;
      top = std::max(top, u);
    }
    s.slot_.assign(static_cast<size_t>(top + 1), 0);
    for (size_t i = 0; i < columns; ++i) {
      uint32_t& slot = s.slot_[static_cast<size_t>(s.column_units_[i])];
      if (slot != 0) return false;  // a unit with two columns
      slot = static_cast<uint32_t>(i + 1);
    }
    s.blocks_.resize(blocks);
    for (size_t k = 0; k < blocks; ++k) {
      Series::Block& b = s.blocks_[k];
      if (!r.Array(b.starts) || !r.Array(b.periods) || !r.Array(b.values)) return false;
      const size_t in_block = std::min(Series::kBlockColumns, columns - k * Series::kBlockColumns);
      if (b.starts.size() != in_block + 1 || b.starts.front() != 0 ||
          b.starts.back() != b.periods.size() || b.periods.size() != b.values.size()) {
        return false;
      }
      for (size_t j = 0; j + 1 < b.starts.size(); ++j) {
        if (b.starts[j] > b.starts[j + 1]) return false;
      }
      counted += b.periods.size();
    }
    uint64_t exact = 0;
    if (!r.Get(exact) || !r.Holds(exact, 16)) return false;
    s.exact_.reserve(exact);
    for (uint64_t i = 0; i < exact; ++i) {
      uint64_t key = 0;
      double value = 0;
      if (!r.Get(key) || !r.Get(value)) return false;
      s.exact_[key] = value;
    }
    return true;
  }
};

Status SaveEngineSnapshot(const Engine& engine, std::string_view stamp,
                          const std::filesystem::path& path) {
  const std::filesystem::path temporary = TemporaryFor(path);
  std::FILE* f = std::fopen(temporary.c_str(), "wbe");
  if (!f) {
    return Fail(ErrorCode::kIo, fmt::format("cannot create: {}", std::strerror(errno)),
                temporary.string());
  }
  unsigned char header[kHeaderBytes] = {};
  std::memcpy(header, kMagic, 8);
  std::memcpy(header + 8, &kFormatVersion, 4);
  std::memcpy(header + 12, &kByteOrderMark, 4);
  bool ok = std::fwrite(header, 1, kHeaderBytes, f) == kHeaderBytes;
  Writer w(f);
  w.String(stamp);
  SnapshotCodec::Write(engine, w);
  const auto [sum, hashed] = w.Finish();
  const uint64_t length = kHeaderBytes + hashed;
  ok = ok && w.ok() && std::fseek(f, kLengthOffset, SEEK_SET) == 0 &&
       std::fwrite(&length, 8, 1, f) == 1 && std::fwrite(&sum, 8, 1, f) == 1;
  ok = std::fclose(f) == 0 && ok;
  if (!ok) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    return Fail(ErrorCode::kIo, "cannot write the engine snapshot", temporary.string());
  }
  return ReplaceWith(temporary, path);
}

Result<std::unique_ptr<Engine>> LoadEngineSnapshot(const std::filesystem::path& path,
                                                   std::string_view stamp,
                                                   const UnitRegistry& units,
                                                   const Catalog& catalog) {
  Mapping m;
  if (auto s = m.Open(path); !s) return Fail(s.error());
  const std::string where = path.string();
  auto corrupt = [&](std::string_view why) {
    return Fail(ErrorCode::kIo, fmt::format("not a usable engine snapshot: {}", why), where);
  };
  if (m.size() < kHeaderBytes) return corrupt("shorter than its header");
  const unsigned char* p = m.data();
  uint32_t version = 0, order = 0;
  uint64_t length = 0, sum = 0;
  std::memcpy(&version, p + 8, 4);
  std::memcpy(&order, p + 12, 4);
  std::memcpy(&length, p + kLengthOffset, 8);
  std::memcpy(&sum, p + kLengthOffset + 8, 8);
  if (std::memcmp(p, kMagic, 8) != 0) return corrupt("wrong magic number");
  if (version != kFormatVersion || order != kByteOrderMark) {
    return corrupt(fmt::format("format {} of another antq or machine", version));
  }
  if (length != m.size()) {
    return corrupt(fmt::format("{} bytes where its header says {} (truncated?)", m.size(), length));
  }
  // The stamp first: a stale snapshot is told apart without hashing the whole file.
  Reader r(p + kHeaderBytes, m.size() - kHeaderBytes);
  std::string taken_of;
  if (!r.String(taken_of)) return corrupt("its stamp runs past its end");
  if (taken_of != stamp) {
    return Fail(ErrorCode::kConflict,
                "the engine snapshot was taken of another state of the database (stale, or of "
                "another database)",
                where);
  }
  Checksum check;
  check.Update(p + kHeaderBytes, m.size() - kHeaderBytes);
  if (check.Final() != sum) return corrupt("checksum mismatch");
  auto engine = std::make_unique<Engine>(units, catalog);
  if (!SnapshotCodec::Read(r, *engine)) return corrupt("its contents are inconsistent");
  return engine;
}

}  // namespace antq::analytics
