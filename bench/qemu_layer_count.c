/*
 * qemu_layer_count: a QEMU TCG plugin (qemu-user 7.2, plugin API version 1) that counts the guest
 * instructions executed between marker calls, for bench/neon_layers.py's per-layer table.
 *
 * Generated code built with LITEC_PROFILING calls litec_profile_layer_begin and
 * litec_profile_layer_end around every layer; the bench defines both as empty non-inlined
 * functions. Given their addresses (begin=0x..., end=0x..., from nm on the static program), the
 * plugin keeps one running count of executed instructions (an inline add per translated block
 * run, no callback on the hot path) and, each time a block starting at a marker runs, appends
 * "B count" or "E count" to out=PATH. A layer costs the difference of its end and begin counts
 * (the markers' own few instructions included, the same for every layer).
 *
 * With hot=N it also writes, after the total, the N translated blocks that executed the most
 * instructions ("H address instructions-per-run runs"), for reading the hot loops with objdump.
 *
 * Only what the plugin uses of QEMU 7.2's API is declared here (Debian ships no qemu-plugin.h).
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXPORT __attribute__((visibility("default")))

typedef uint64_t qemu_plugin_id_t;
typedef struct {
    const char *target_name;
    struct {
        int min;
        int cur;
    } version;
    bool system_emulation;
    union {
        struct {
            int smp_vcpus;
            int max_vcpus;
        } system;
    };
} qemu_info_t;
struct qemu_plugin_tb;
enum qemu_plugin_op { QEMU_PLUGIN_INLINE_ADD_U64 };
enum qemu_plugin_cb_flags { QEMU_PLUGIN_CB_NO_REGS, QEMU_PLUGIN_CB_R_REGS, QEMU_PLUGIN_CB_RW_REGS };
typedef void (*qemu_plugin_udata_cb_t)(qemu_plugin_id_t id, void *userdata);
typedef void (*qemu_plugin_vcpu_udata_cb_t)(unsigned int vcpu_index, void *userdata);
typedef void (*qemu_plugin_vcpu_tb_trans_cb_t)(qemu_plugin_id_t id, struct qemu_plugin_tb *tb);
void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id, qemu_plugin_vcpu_tb_trans_cb_t cb);
void qemu_plugin_register_vcpu_tb_exec_inline(struct qemu_plugin_tb *tb, enum qemu_plugin_op op,
                                              void *ptr, uint64_t imm);
void qemu_plugin_register_vcpu_tb_exec_cb(struct qemu_plugin_tb *tb,
                                          qemu_plugin_vcpu_udata_cb_t cb,
                                          enum qemu_plugin_cb_flags flags, void *userdata);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, qemu_plugin_udata_cb_t cb, void *userdata);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
uint64_t qemu_plugin_tb_vaddr(const struct qemu_plugin_tb *tb);

extern EXPORT int qemu_plugin_version;
EXPORT int qemu_plugin_version = 1;

static uint64_t executed;       /* instructions so far */
static uint64_t marker[2];      /* begin, end */
static FILE *out;
static unsigned hot;            /* how many hot blocks to report */

struct block {
    uint64_t vaddr, insns, runs;
};
static struct block **blocks;   /* one per translation, when hot > 0 */
static size_t block_count, block_capacity;

static void on_marker(unsigned int vcpu, void *which)
{
    (void)vcpu;
    fprintf(out, "%c %" PRIu64 "\n", which ? 'E' : 'B', executed);
}

static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
    (void)id;
    qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64, &executed,
                                             qemu_plugin_tb_n_insns(tb));
    const uint64_t start = qemu_plugin_tb_vaddr(tb);
    if (hot) {
        if (block_count == block_capacity) {
            block_capacity = block_capacity ? 2 * block_capacity : 4096;
            blocks = realloc(blocks, block_capacity * sizeof *blocks);
        }
        struct block *b = calloc(1, sizeof *b);
        b->vaddr = start;
        b->insns = qemu_plugin_tb_n_insns(tb);
        blocks[block_count++] = b;
        qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64, &b->runs, 1);
    }
    for (uintptr_t k = 0; k < 2; ++k)
        if (start == marker[k])
            qemu_plugin_register_vcpu_tb_exec_cb(tb, on_marker, QEMU_PLUGIN_CB_NO_REGS,
                                                 (void *)k);
}

static void on_program_exit(qemu_plugin_id_t id, void *userdata)
{
    (void)id;
    (void)userdata;
    fprintf(out, "T %" PRIu64 "\n", executed);
    for (unsigned n = 0; n < hot && n < block_count; ++n) {
        /* Selection of the next largest: N is small. */
        size_t best = n;
        for (size_t i = n + 1; i < block_count; ++i)
            if (blocks[i]->insns * blocks[i]->runs > blocks[best]->insns * blocks[best]->runs)
                best = i;
        struct block *b = blocks[best];
        blocks[best] = blocks[n];
        blocks[n] = b;
        fprintf(out, "H 0x%" PRIx64 " %" PRIu64 " %" PRIu64 "\n", b->vaddr, b->insns, b->runs);
    }
    fclose(out);
}

EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info, int argc, char **argv)
{
    if (info->version.cur != qemu_plugin_version) {
        fprintf(stderr, "qemu_layer_count: written for plugin API %d, QEMU has %d\n",
                qemu_plugin_version, info->version.cur);
        return -1;
    }
    const char *path = NULL;
    for (int i = 0; i < argc; ++i) {
        if (strncmp(argv[i], "begin=", 6) == 0)
            marker[0] = strtoull(argv[i] + 6, NULL, 0);
        else if (strncmp(argv[i], "end=", 4) == 0)
            marker[1] = strtoull(argv[i] + 4, NULL, 0);
        else if (strncmp(argv[i], "hot=", 4) == 0)
            hot = (unsigned)strtoul(argv[i] + 4, NULL, 0);
        else if (strncmp(argv[i], "out=", 4) == 0)
            path = argv[i] + 4;
    }
    if (!marker[0] || !marker[1] || !path || !(out = fopen(path, "w"))) {
        fprintf(stderr, "qemu_layer_count: needs begin=ADDR,end=ADDR,out=PATH\n");
        return -1;
    }
    qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
    qemu_plugin_register_atexit_cb(id, on_program_exit, NULL);
    return 0;
}
