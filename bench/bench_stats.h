// Small statistics shared by the benchmark programs.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace motcua::bench {

// The p-quantile (0..1) of values by nearest rank over n - 1 intervals; 0 for no values.
inline double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(index, values.size() - 1)];
}

}  // namespace motcua::bench
