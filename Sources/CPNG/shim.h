#ifndef CREDKIT_CPNG_SHIM_H
#define CREDKIT_CPNG_SHIM_H
#include <png.h>
#endif
