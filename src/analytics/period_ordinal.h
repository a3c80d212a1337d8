#pragma once

#include <cstdint>
#include <optional>

#include "domain/period.h"

namespace antq::analytics {

// A period as a 16-bit number that orders as the periods do, so that a series stores each
// value's period in two bytes and compares periods as integers: the count of periods of its
// type since 1900 (days since 1950-01-01 for daily periods). Nullopt for periods outside
// what 16 bits cover: days from 1950 to 2129, other types from 1900 on.
std::optional<uint16_t> PeriodOrdinal(const Period& period);

// The period of `type` with `ordinal`; the inverse of PeriodOrdinal.
Period PeriodFromOrdinal(PeriodType type, uint16_t ordinal);

}  // namespace antq::analytics
