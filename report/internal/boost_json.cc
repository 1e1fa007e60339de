// Compiles Boost.JSON into this library (its header-only mode), because
// Debian's Boost.JSON has no shared library that Emscripten could use.
#include <boost/json/src.hpp>
