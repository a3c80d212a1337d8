#include "expr/parser.h"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <optional>

namespace antq::expr {
namespace {

// A recursive-descent parser with one function per precedence level, lowest first:
// or < and < equality < comparison < additive < multiplicative < unary < power < primary.
class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  Result<std::unique_ptr<Node>> Run() {
    auto root = Or();
    if (!root) return root;
    SkipSpace();
    if (pos_ < text_.size()) return Error(fmt::format("unexpected '{}'", text_[pos_]));
    return root;
  }

 private:
  using NodeResult = Result<std::unique_ptr<Node>>;
  static constexpr int kMaxDepth = 200;

  tl::unexpected<antq::Error> Error(std::string message) const {
    return ErrorAt(static_cast<int>(pos_) + 1, std::move(message));
  }
  static tl::unexpected<antq::Error> ErrorAt(int column, std::string message) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("column {}: {}", column, message),
                "expression");
  }

  void SkipSpace() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }

  // Consumes `token` (after spaces) if it is next. Word operators must end at a word boundary.
  bool Accept(std::string_view token) {
    SkipSpace();
    if (text_.substr(pos_, token.size()) != token) return false;
    if (std::isalpha(static_cast<unsigned char>(token.back()))) {
      const size_t end = pos_ + token.size();
      if (end < text_.size() &&
          (std::isalnum(static_cast<unsigned char>(text_[end])) || text_[end] == '_')) {
        return false;
      }
    }
    pos_ += token.size();
    return true;
  }

  static std::unique_ptr<Node> MakeBinary(Op op, int position, std::unique_ptr<Node> l,
                                          std::unique_ptr<Node> r) {
    auto n = std::make_unique<Node>();
    n->kind = Node::Kind::kBinary;
    n->op = op;
    n->position = position;
    n->children.push_back(std::move(l));
    n->children.push_back(std::move(r));
    return n;
  }

  // Parses a left-associative level: operand (op operand)*.
  template <typename Next>
  NodeResult LeftAssoc(Next next, std::initializer_list<std::pair<std::string_view, Op>> ops) {
    auto left = (this->*next)();
    if (!left) return left;
    while (true) {
      bool matched = false;
      for (const auto& [token, op] : ops) {
        const int position = static_cast<int>(pos_) + 1;
        // "<" must not take the first character of "<=", nor "!" of "!=".
        if (Accept(token)) {
          auto right = (this->*next)();
          if (!right) return right;
          left = MakeBinary(op, position, std::move(*left), std::move(*right));
          matched = true;
          break;
        }
      }
      if (!matched) return left;
    }
  }

  NodeResult Or() { return LeftAssoc(&Parser::And, {{"||", Op::kOr}, {"or", Op::kOr}}); }
  NodeResult And() { return LeftAssoc(&Parser::Equality, {{"&&", Op::kAnd}, {"and", Op::kAnd}}); }
  NodeResult Equality() {
    return LeftAssoc(&Parser::Comparison, {{"==", Op::kEq}, {"!=", Op::kNe}});
  }
  NodeResult Comparison() {
    return LeftAssoc(&Parser::Additive,
                     {{"<=", Op::kLe}, {">=", Op::kGe}, {"<", Op::kLt}, {">", Op::kGt}});
  }
  NodeResult Additive() {
    return LeftAssoc(&Parser::Multiplicative, {{"+", Op::kAdd}, {"-", Op::kSub}});
  }
  NodeResult Multiplicative() {
    return LeftAssoc(&Parser::Unary, {{"*", Op::kMul}, {"/", Op::kDiv}, {"%", Op::kMod}});
  }

  NodeResult Unary() {
    if (++depth_ > kMaxDepth) return Error("the expression is nested too deeply");
    SkipSpace();
    const int position = static_cast<int>(pos_) + 1;
    std::optional<Op> op;
    if ((text_.substr(pos_, 2) != "!=" && Accept("!")) || Accept("not")) {
      op = Op::kNot;
    } else if (Accept("-")) {
      op = Op::kNeg;
    } else if (Accept("+")) {
      op = Op::kPlus;
    }
    NodeResult operand = op ? Unary() : Power();
    --depth_;
    if (!operand || !op) return operand;
    auto n = std::make_unique<Node>();
    n->kind = Node::Kind::kUnary;
    n->op = *op;
    n->position = position;
    n->children.push_back(std::move(*operand));
    return n;
  }

  // ^ binds tighter than unary minus on its left and is right-associative: -2^2 = -4, 2^3^2 = 512.
  NodeResult Power() {
    auto base = Primary();
    if (!base) return base;
    const int position = static_cast<int>(pos_) + 1;
    if (!Accept("^")) return base;
    auto exponent = Unary();
    if (!exponent) return exponent;
    return MakeBinary(Op::kPow, position, std::move(*base), std::move(*exponent));
  }

  // The text of a braced reference after its opening "{": up to "}".
  Result<std::string> BracedCode() {
    const size_t close = text_.find('}', pos_);
    if (close == std::string_view::npos) return Error("missing '}'");
    std::string code(text_.substr(pos_, close - pos_));
    if (code.empty()) return Error("empty reference");
    for (char c : code) {
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-')) {
        return Error(fmt::format("'{}' is not a code", code));
      }
    }
    pos_ = close + 1;
    return code;
  }

  NodeResult Reference(RefKind kind, int position) {
    const int code_column = static_cast<int>(pos_) + 1;
    auto code = BracedCode();
    if (!code) return Fail(code.error());
    auto n = std::make_unique<Node>();
    n->kind = Node::Kind::kRef;
    n->position = position;
    n->ref.kind = kind;
    n->ref.position = position;
    n->ref.code = *code;
    if (kind == RefKind::kReporting) {
      const size_t dot = code->rfind('.');
      if (dot == std::string::npos) return ErrorAt(code_column, "write R{dataset.REPORTING_RATE}");
      n->ref.code = code->substr(0, dot);
      n->ref.option = code->substr(dot + 1);
      static const char* kMetrics[] = {"REPORTING_RATE", "REPORTING_RATE_ON_TIME", "ACTUAL_REPORTS",
                                       "ACTUAL_REPORTS_ON_TIME", "EXPECTED_REPORTS"};
      bool known = false;
      for (const char* m : kMetrics) known = known || n->ref.option == m;
      if (!known) {
        return ErrorAt(code_column, fmt::format("unknown reporting metric '{}'", n->ref.option));
      }
    }
    if (kind == RefKind::kEvaluation) {
      const size_t dot = code->rfind('.');
      if (dot == std::string::npos) return ErrorAt(code_column, "write E{criteria-set.MET}");
      n->ref.code = code->substr(0, dot);
      n->ref.option = code->substr(dot + 1);
      if (n->ref.option != "MET" && n->ref.option != "ASSESSED") {
        return ErrorAt(
            code_column,
            fmt::format("unknown evaluation metric '{}'; write MET or ASSESSED", n->ref.option));
      }
    }
    return n;
  }

  NodeResult Primary() {
    SkipSpace();
    const int position = static_cast<int>(pos_) + 1;
    if (pos_ >= text_.size()) return Error("the expression ends too early");
    if (Accept("#{")) return Reference(RefKind::kElement, position);
    if (Accept("C{")) return Reference(RefKind::kConstant, position);
    if (Accept("OUG{")) return Reference(RefKind::kUnitGroup, position);
    if (Accept("R{")) return Reference(RefKind::kReporting, position);
    if (Accept("E{")) return Reference(RefKind::kEvaluation, position);
    if (Accept("(")) {
      if (++depth_ > kMaxDepth) return Error("the expression is nested too deeply");
      auto inner = Or();
      --depth_;
      if (!inner) return inner;
      if (!Accept(")")) return Error("expected ')'");
      return inner;
    }
    const char c = text_[pos_];
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') return Number(position);
    if (c == '\'' || c == '"') return String(position);
    if (std::isalpha(static_cast<unsigned char>(c))) return Word(position);
    return Error(fmt::format("unexpected '{}'", c));
  }

  NodeResult Number(int position) {
    size_t end = pos_;
    while (end < text_.size() &&
           (std::isdigit(static_cast<unsigned char>(text_[end])) || text_[end] == '.'))
      ++end;
    if (end < text_.size() && (text_[end] == 'e' || text_[end] == 'E')) {
      size_t e = end + 1;
      if (e < text_.size() && (text_[e] == '+' || text_[e] == '-')) ++e;
      if (e < text_.size() && std::isdigit(static_cast<unsigned char>(text_[e]))) {
        end = e;
        while (end < text_.size() && std::isdigit(static_cast<unsigned char>(text_[end]))) ++end;
      }
    }
    auto n = std::make_unique<Node>();
    n->kind = Node::Kind::kNumber;
    n->position = position;
    const auto [ptr, ec] = std::from_chars(text_.data() + pos_, text_.data() + end, n->number);
    if (ec != std::errc() || ptr != text_.data() + end) {
      return Error(fmt::format("'{}' is not a number", text_.substr(pos_, end - pos_)));
    }
    pos_ = end;
    return n;
  }

  NodeResult String(int position) {
    const char quote = text_[pos_];
    const size_t close = text_.find(quote, pos_ + 1);
    if (close == std::string_view::npos) return Error("the string is never closed");
    auto n = std::make_unique<Node>();
    n->kind = Node::Kind::kString;
    n->position = position;
    n->text = std::string(text_.substr(pos_ + 1, close - pos_ - 1));
    pos_ = close + 1;
    return n;
  }

  NodeResult Word(int position) {
    size_t end = pos_;
    while (end < text_.size() &&
           (std::isalnum(static_cast<unsigned char>(text_[end])) || text_[end] == '_'))
      ++end;
    const std::string word(text_.substr(pos_, end - pos_));
    auto n = std::make_unique<Node>();
    n->position = position;
    if (word == "true" || word == "false") {
      pos_ = end;
      n->kind = Node::Kind::kBool;
      n->boolean = word == "true";
      return n;
    }
    if (word == "null") {
      pos_ = end;
      n->kind = Node::Kind::kNull;
      return n;
    }
    struct Function {
      const char* name;
      size_t min_args;
      size_t max_args;
    };
    static const Function kFunctions[] = {{"if", 3, 3},        {"isNull", 1, 1},
                                          {"isNotNull", 1, 1}, {"firstNonNull", 1, 64},
                                          {"greatest", 1, 64}, {"least", 1, 64}};
    const Function* fn = nullptr;
    for (const Function& f : kFunctions) {
      if (word == f.name) fn = &f;
    }
    if (!fn) return Error(fmt::format("unknown name '{}'", word));
    pos_ = end;
    if (!Accept("(")) return Error(fmt::format("expected '(' after {}", word));
    n->kind = Node::Kind::kCall;
    n->text = word;
    if (++depth_ > kMaxDepth) return Error("the expression is nested too deeply");
    if (!Accept(")")) {
      do {
        auto arg = Or();
        if (!arg) return arg;
        n->children.push_back(std::move(*arg));
      } while (Accept(","));
      if (!Accept(")")) return Error("expected ',' or ')'");
    }
    --depth_;
    if (n->children.size() < fn->min_args || n->children.size() > fn->max_args) {
      return ErrorAt(position, fmt::format("{} takes {} argument(s), not {}", word,
                                           fn->min_args == fn->max_args
                                               ? fmt::format("{}", fn->min_args)
                                               : fmt::format("at least {}", fn->min_args),
                                           n->children.size()));
    }
    return n;
  }

  std::string_view text_;
  size_t pos_ = 0;
  int depth_ = 0;
};

void Collect(const Node& n, std::vector<Reference>& out) {
  if (n.kind == Node::Kind::kRef) out.push_back(n.ref);
  for (const auto& child : n.children) Collect(*child, out);
}

}  // namespace

Result<std::unique_ptr<Node>> Parse(std::string_view text) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return Fail(ErrorCode::kInvalidArgument, "column 1: the expression is empty", "expression");
  }
  return Parser(text).Run();
}

std::vector<Reference> References(const Node& root) {
  std::vector<Reference> out;
  Collect(root, out);
  return out;
}

}  // namespace antq::expr
