#ifndef CREDKIT_CZLIB_SHIM_H
#define CREDKIT_CZLIB_SHIM_H
#include <zlib.h>
#endif
