/* unicode_stable.c: lookup of the generated stability table (unicode_stable.h). */
#include "unicode_stable.h"

#include "unicode_stable_table.h"

unsigned ng_unicode_stable(int32_t cp)
{
    if (cp < 0 || cp > 0x10FFFF)
        return 0;
    uint32_t u = (uint32_t)cp;
    return ng_stable_blocks[ng_stable_index[u / NG_STABLE_BLOCK]][u % NG_STABLE_BLOCK];
}
