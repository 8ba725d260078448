// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/fs/ext2_int.h: ext2's on-disk structures and the state the ext2_*.c
// files share; not for use outside them (kernel/fs/ext2.h is the interface).
// Offsets are from Linux's fs/ext2/ext2.h and e2fsprogs' ext2_fs.h.  All
// fields are little-endian, as is i386, so the structures are used as read.
#ifndef EXT2_INT_H
#define EXT2_INT_H
#include <stdint.h>
#include "bcache.h"
#include "dev/blk.h"
#include "ext2.h"

#define EXT2_MAGIC        0xef53
#define EXT2_SB_OFFSET    1024     // byte offset of the superblock on the volume
#define EXT2_VALID_FS     1        // s_state: cleanly unmounted
#define EXT2_NDIR_BLOCKS  12
#define EXT2_IND_BLOCK    12
#define EXT2_DIND_BLOCK   13
#define EXT2_TIND_BLOCK   14
#define EXT2_N_BLOCKS     15
#define EXT2_LINK_MAX     65000
#define EXT2_INDEX_FL     0x1000   // htree directory; cleared when we change one
#define EXT2_EXTENTS_FL   0x80000
#define EXT2_FAST_LINK_MAX 59      // targets shorter than 60 bytes live in i_block
#define EXT2_GOOD_OLD_INODE_SIZE 128
#define EXT2_MAX_NAMEI_DEPTH 4096  // '..' steps checked when renaming a directory

#define EXT2_FEATURE_INCOMPAT_FILETYPE  0x0002
#define EXT2_FEATURE_INCOMPAT_FLEX_BG   0x0200
#define EXT2_FEATURE_COMPAT_HAS_JOURNAL 0x0004
#define EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER 0x0001
#define EXT2_FEATURE_RO_COMPAT_LARGE_FILE   0x0002

struct ext2_super {
    uint32_t s_inodes_count;          // 0
    uint32_t s_blocks_count;          // 4
    uint32_t s_r_blocks_count;        // 8
    uint32_t s_free_blocks_count;     // 12
    uint32_t s_free_inodes_count;     // 16
    uint32_t s_first_data_block;      // 20: 1 with 1 KiB blocks, else 0
    uint32_t s_log_block_size;        // 24: block size is 1024 << this
    uint32_t s_log_frag_size;         // 28
    uint32_t s_blocks_per_group;      // 32
    uint32_t s_frags_per_group;       // 36
    uint32_t s_inodes_per_group;      // 40
    uint32_t s_mtime;                 // 44
    uint32_t s_wtime;                 // 48
    uint16_t s_mnt_count;             // 52
    uint16_t s_max_mnt_count;         // 54
    uint16_t s_magic;                 // 56
    uint16_t s_state;                 // 58
    uint16_t s_errors;                // 60
    uint16_t s_minor_rev_level;       // 62
    uint32_t s_lastcheck;             // 64
    uint32_t s_checkinterval;         // 68
    uint32_t s_creator_os;            // 72
    uint32_t s_rev_level;             // 76: 0 = fixed 128-byte inodes, 1 = dynamic
    uint16_t s_def_resuid;            // 80
    uint16_t s_def_resgid;            // 82
    uint32_t s_first_ino;             // 84: first non-reserved inode (rev 1)
    uint16_t s_inode_size;            // 88 (rev 1)
    uint16_t s_block_group_nr;        // 90
    uint32_t s_feature_compat;        // 92
    uint32_t s_feature_incompat;      // 96
    uint32_t s_feature_ro_compat;     // 100
    uint8_t s_uuid[16];               // 104
    char s_volume_name[16];           // 120
    uint8_t s_pad1[232 - 136];        // 136: last mounted, journal uuid, inode, device
    uint32_t s_last_orphan;           // 232: first inode of the orphan list (ext2_orphan.c)
    uint8_t s_pad1b[350 - 236];       // 236: hashes, mount options...
    uint16_t s_want_extra_isize;      // 350: i_extra_isize for new inodes
    uint8_t s_pad2[1024 - 352];
};

struct ext2_gd {
    uint32_t bg_block_bitmap;         // 0
    uint32_t bg_inode_bitmap;         // 4
    uint32_t bg_inode_table;          // 8
    uint16_t bg_free_blocks_count;    // 12
    uint16_t bg_free_inodes_count;    // 14
    uint16_t bg_used_dirs_count;      // 16
    uint16_t bg_flags;                // 18
    uint8_t bg_reserved[12];          // 20
};

struct ext2_inode {
    uint16_t i_mode;                  // 0
    uint16_t i_uid;                   // 2: low 16 bits
    uint32_t i_size;                  // 4: low 32 bits
    uint32_t i_atime;                 // 8
    uint32_t i_ctime;                 // 12
    uint32_t i_mtime;                 // 16
    uint32_t i_dtime;                 // 20: deletion time, 0 while in use; an orphan's: the next orphan
    uint16_t i_gid;                   // 24
    uint16_t i_links_count;           // 26
    uint32_t i_blocks;                // 28: 512-byte units, data and indirect blocks
    uint32_t i_flags;                 // 32
    uint32_t i_osd1;                  // 36
    uint32_t i_block[EXT2_N_BLOCKS];  // 40: 12 direct, single, double, triple indirect
    uint32_t i_generation;            // 100
    uint32_t i_file_acl;              // 104: extended-attribute block
    uint32_t i_size_high;             // 108: regular files, with large_file
    uint32_t i_faddr;                 // 112
    uint16_t i_blocks_hi;             // 116
    uint16_t i_file_acl_high;         // 118
    uint16_t i_uid_high;              // 120
    uint16_t i_gid_high;              // 122
    uint32_t i_reserved2;             // 124
};

struct ext2_dirent {
    uint32_t inode;                   // 0: 0 marks an unused entry
    uint16_t rec_len;                 // 4: bytes to the next entry
    uint8_t name_len;                 // 6
    uint8_t file_type;                // 7: with the filetype feature
    char name[];                      // 8: not NUL-terminated
};
#define EXT2_DIRENT_LEN(n) ((8 + (n) + 3) & ~3u)

// The layouts above are the disk's: a wrong size fails the build.
typedef char ext2_super_size_check[sizeof(struct ext2_super) == 1024 ? 1 : -1];
typedef char ext2_gd_size_check[sizeof(struct ext2_gd) == 32 ? 1 : -1];
typedef char ext2_inode_size_check[sizeof(struct ext2_inode) == 128 ? 1 : -1];

#define EXT2_REF_BUCKETS 64         // hash chains of the inodes in use (ext2_orphan.c)
#define EXT2_FREED_BITS 13          // the set of blocks freed since the last sync (ext2.c)
#define EXT2_FREED_SLOTS (1u << EXT2_FREED_BITS)
struct ext2_ref;

struct ext2_fs {
    struct blkdev *dev;
    struct bcache *bc;
    struct ext2_super sb;
    struct ext2_gd *gd;               // all group descriptors, written back by sync
    uint32_t ngroups, gdt_blocks;
    uint32_t bs, bs_log;              // block size, and log2 of it
    uint32_t apb, apb_log;            // block numbers per indirect block
    uint32_t inode_size, first_ino, itb_per_group;
    int ro, filetype, dirty;
    uint32_t dir_rotor;               // where the next directory's group search starts
    uint32_t trunc_budget;            // indirect blocks one truncate may still visit
    struct blocklog *log;             // makes syncs atomic (EXT2_LOG_PATH); or NULL
    uint32_t commit_at;               // logged dirty blocks at which ext2_commit_if_due syncs
    uint32_t dirty_at;                // dirty blocks at which it syncs whatever they are
    uint32_t cache_blocks;            // its block cache's limit, in blocks
    uint32_t cache_floor;             // the blocks the cache keeps however short memory is
    struct ext2_ref *refs[EXT2_REF_BUCKETS];   // inodes in use, by number mod EXT2_REF_BUCKETS
    uint32_t versions;                // the last content version given (ext2_orphan.c)
    const struct ext2_mounted *mounted;   // a filesystem on one of its directories, or NULL
    uint32_t freed[EXT2_FREED_SLOTS]; // blocks freed since the last sync (0: empty slot)
    uint32_t nfreed;
    int freed_full;                   // more were freed than the set holds
    struct blk_stats at_mount;        // the device's counts then, for umount's figures
};

// ext2.c
int ext2_bad_block(struct ext2_fs *fs, uint32_t blk, uint32_t ino, const char *what);
int ext2_balloc(struct ext2_fs *fs, uint32_t goal, uint32_t *blk);
int ext2_bfree(struct ext2_fs *fs, uint32_t blk);
int ext2_ialloc(struct ext2_fs *fs, uint32_t dir, int is_dir, uint32_t *ino);
int ext2_ifree(struct ext2_fs *fs, uint32_t ino, int is_dir);
uint32_t ext2_ino_group(struct ext2_fs *fs, uint32_t ino);

// ext2_inode.c
int ext2_iread(struct ext2_fs *fs, uint32_t ino, struct ext2_inode *in);
int ext2_iwrite(struct ext2_fs *fs, uint32_t ino, const struct ext2_inode *in);
int ext2_inew(struct ext2_fs *fs, uint32_t ino, const struct ext2_inode *in);
uint64_t ext2_isize(const struct ext2_inode *in);
void ext2_set_isize(struct ext2_fs *fs, struct ext2_inode *in, uint64_t size);
int ext2_bmap(struct ext2_fs *fs, uint32_t ino, struct ext2_inode *in, uint32_t lblk,
              int create, uint32_t *pblk, int *fresh);
int ext2_itrunc(struct ext2_fs *fs, uint32_t ino, struct ext2_inode *in, uint64_t size);
int ext2_irelease(struct ext2_fs *fs, uint32_t ino, struct ext2_inode *in);
int ext2_is_dir(const struct ext2_inode *in);
int ext2_has_blocks(struct ext2_fs *fs, const struct ext2_inode *in);
int ext2_idata_write(struct ext2_fs *fs, uint32_t ino, struct ext2_inode *in, uint64_t off,
                     const void *buf, uint32_t n);
uint8_t ext2_mode_ftype(uint32_t mode);

uint32_t ext2_rdev(const struct ext2_inode *in);
void ext2_set_rdev(struct ext2_inode *in, uint32_t rdev);

// ext2_orphan.c
int ext2_last_link_gone(struct ext2_fs *fs, uint32_t ino, struct ext2_inode *in);
int ext2_orphans_release(struct ext2_fs *fs, const char *when);
void ext2_refs_free(struct ext2_fs *fs);
void ext2_content_changed(struct ext2_fs *fs, uint32_t ino);   // a new version, if one is kept

// ext2_dir.c
struct ext2_dloc {
    uint32_t lblk, off, prev_off;     // prev_off == off: first entry in its block
    uint32_t ino;
};
int ext2_dir_find(struct ext2_fs *fs, uint32_t dir, struct ext2_inode *din, const char *name,
                  uint32_t len, struct ext2_dloc *loc);
int ext2_dir_add(struct ext2_fs *fs, uint32_t dir, struct ext2_inode *din, const char *name,
                 uint32_t len, uint32_t ino, uint8_t ftype);
int ext2_dir_remove(struct ext2_fs *fs, uint32_t dir, struct ext2_inode *din,
                    const struct ext2_dloc *loc);
int ext2_dir_set(struct ext2_fs *fs, uint32_t dir, struct ext2_inode *din,
                 const struct ext2_dloc *loc, uint32_t ino, uint8_t ftype);
int ext2_dir_empty(struct ext2_fs *fs, uint32_t dir, struct ext2_inode *din);
int ext2_check_name(const char *name, uint32_t len);
#endif
