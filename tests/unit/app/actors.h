#pragma once

// The actors the use-case tests act as.
#include <string>

#include "app/access.h"

namespace antq {

// The local operator (the command line), with administrator rights, recorded under `user`.
inline Actor Admin(std::string user = "tester") { return Actor::LocalOperator(std::move(user)); }

}  // namespace antq
