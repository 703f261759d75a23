/*
 * ArchPgtable native shim, arch-neutral part. Written by the ArchPgtable project, not kernel code.
 *
 * Minimal kernel types and primitives, so that page-table helpers taken verbatim from a Linux
 * tree compile in user space. Every access to a PTE word (READ_ONCE/WRITE_ONCE/cmpxchg/xchg on
 * pte_t or pteval_t) goes to the host, which counts and observes it exactly as for the C#
 * plugins. PTE pointers are not real memory: they are addresses in a window the host maps back
 * to (PTE table, index); a plain dereference of a pte_t* would fault, so everything must go
 * through the accessors, as kernel code does.
 */
#include <stdint.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int64_t s64;
typedef u64 phys_addr_t;
typedef u64 pteval_t;
typedef u64 pmdval_t;
typedef struct { pteval_t pte; } pte_t;
typedef struct { pmdval_t pmd; } pmd_t;
typedef struct { pteval_t pgprot; } pgprot_t;
typedef int cydp_t;
typedef unsigned long pgoff_t;

#define CYDP_CLEAR_YOUNG 0x1
#define CYDP_CLEAR_DIRTY 0x2

#define _AC(X, Y) (X##Y)
#define _AT(T, X) ((T)(X))
#define UL(x) (_AC(x, UL))
#define ULL(x) (_AC(x, ULL))
#define BIT(nr) (UL(1) << (nr))
#define GENMASK(h, l) (((~UL(0)) - (UL(1) << (l)) + 1) & (~UL(0) >> (63 - (h))))
#define GENMASK_ULL(h, l) (((~ULL(0)) - (ULL(1) << (l)) + 1) & (~ULL(0) >> (63 - (h))))
#define ALIGN(x, a) (((x) + ((__typeof__(x))(a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define PTR_ALIGN_DOWN(p, a) ((__typeof__(p))ALIGN_DOWN((unsigned long)(p), (a)))
#define max(a, b) ((a) > (b) ? (a) : (b))
#define min(a, b) ((a) < (b) ? (a) : (b))
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define __always_inline inline __attribute__((__always_inline__))
#define __always_unused __attribute__((__unused__))
#define __maybe_unused __attribute__((__unused__))
#define __bitwise
#define __force
#define IS_ENABLED(x) 0
#define EXPORT_SYMBOL(x)
#define EXPORT_SYMBOL_GPL(x)

/* Host callbacks, filled in by ap_init(). Nonzero return: the host raised an error; unwind. */
typedef struct ap_host {
	int (*read)(u64 addr, u64 *value);
	int (*write)(u64 addr, u64 value);
	int (*xchg)(u64 addr, u64 value, u64 *old);
	int (*cmpxchg)(u64 addr, u64 old, u64 value, u64 *found);
	int (*flush_range)(u64 start, u64 end, u64 stride, int last_level, int sync);
	int (*flush_page)(u64 addr, int sync);
	int (*folio)(u64 pfn, u64 *start_pfn, u64 *nr_pages);
	int (*feature)(int id);
	void (*report)(int kind, const char *file, int line, const char *text);
	int (*event)(int kind, u64 addr, int nr);
	/* A local (non-broadcast) flush of [start, end): this CPU, and device walkers when notify. */
	int (*flush_local)(u64 start, u64 end, u64 stride, int notify);
} ap_host;

#define AP_EVENT_FOLD 1
#define AP_EVENT_UNFOLD 2

static ap_host ap;
static _Thread_local jmp_buf *ap_unwind;

#define AP_REPORT_WARN 1
#define AP_REPORT_BUG 2

static inline void ap_check(int rc)
{
	if (rc)
		longjmp(*ap_unwind, 1);
}

static inline pte_t ap_read_pte(const volatile pte_t *p)
{
	u64 v;
	ap_check(ap.read((u64)(uintptr_t)p, &v));
	return (pte_t){ v };
}

static inline void ap_write_pte(volatile pte_t *p, pte_t v)
{
	ap_check(ap.write((u64)(uintptr_t)p, v.pte));
}

static inline pteval_t ap_cmpxchg(volatile pteval_t *p, pteval_t old, pteval_t val)
{
	u64 found;
	ap_check(ap.cmpxchg((u64)(uintptr_t)p, old, val, &found));
	return found;
}

static inline pteval_t ap_xchg(volatile pteval_t *p, pteval_t val)
{
	u64 old;
	ap_check(ap.xchg((u64)(uintptr_t)p, val, &old));
	return old;
}

/* READ_ONCE/WRITE_ONCE: PTE accesses (told apart by C11 _Generic on pte_t) go to the host. */
#define READ_ONCE(x) _Generic((x), pte_t: ap_read_pte((const volatile pte_t *)&(x)), default: (x))
#define WRITE_ONCE(x, val) do { \
	_Static_assert(_Generic((x), pte_t: 1, default: 0), "ArchPgtable shim: WRITE_ONCE on something other than a pte_t"); \
	ap_write_pte((volatile pte_t *)&(x), (val)); \
} while (0)
#define AP_PTEVAL_PTR(p) _Generic((p), pteval_t *: (p), volatile pteval_t *: (p))
#define cmpxchg_relaxed(p, o, n) ap_cmpxchg(AP_PTEVAL_PTR(p), (o), (n))
#define cmpxchg(p, o, n) ap_cmpxchg(AP_PTEVAL_PTR(p), (o), (n))
#define xchg_relaxed(p, v) ap_xchg(AP_PTEVAL_PTR(p), (v))
#define xchg(p, v) ap_xchg(AP_PTEVAL_PTR(p), (v))

/*
 * test_and_clear_bit() on a PTE word (x86: a locked BTR; riscv: an AMO): a counted read and a
 * host compare-exchange loop. A concurrent hardware update between them makes the compare-exchange
 * fail and retry, as the single atomic instruction would have seen the newer value.
 */
static inline int ap_test_and_clear_bit(long nr, volatile void *addr)
{
	volatile pteval_t *p = (volatile pteval_t *)addr;
	pteval_t old = ap_read_pte((const volatile pte_t *)p).pte;
	for (;;) {
		pteval_t found = ap_cmpxchg(p, old, old & ~(1UL << nr));
		if (found == old)
			return (int)((old >> nr) & 1);
		old = found;
	}
}
#define test_and_clear_bit(nr, addr) ap_test_and_clear_bit((nr), (addr))

static inline int ap_warn(int cond, const char *file, int line, const char *text)
{
	if (cond)
		ap.report(AP_REPORT_WARN, file, line, text);
	return cond;
}

#define WARN_ON(c) ap_warn(!!(c), __FILE__, __LINE__, "WARN_ON(" #c ")")
#define WARN_ON_ONCE(c) ap_warn(!!(c), __FILE__, __LINE__, "WARN_ON_ONCE(" #c ")")
#define VM_WARN_ON(c) ((void)ap_warn(!!(c), __FILE__, __LINE__, "VM_WARN_ON(" #c ")"))
#define VM_WARN_ON_ONCE(c) ap_warn(!!(c), __FILE__, __LINE__, "VM_WARN_ON_ONCE(" #c ")")
#define VM_WARN_ONCE(c, ...) ap_warn(!!(c), __FILE__, __LINE__, "VM_WARN_ONCE(" #c ")")
#define VM_BUG_ON(c) do { if (c) { ap.report(AP_REPORT_BUG, __FILE__, __LINE__, "VM_BUG_ON(" #c ")"); longjmp(*ap_unwind, 1); } } while (0)
#define BUG_ON(c) do { if (c) { ap.report(AP_REPORT_BUG, __FILE__, __LINE__, "BUG_ON(" #c ")"); longjmp(*ap_unwind, 1); } } while (0)
#define BUG() BUG_ON(1)

/* The address space and VMA the helpers see. The host says whether the mm is a user mm. */
struct mm_struct { int ap_user; };
struct vm_area_struct { struct mm_struct *vm_mm; unsigned long vm_flags; };
static struct mm_struct init_mm = { 0 };
static _Thread_local struct mm_struct ap_user_mm = { 1 };
static inline bool mm_is_efi(struct mm_struct *mm) { (void)mm; return false; }
#define TLB_FLUSH_VMA(mm, flags) { .vm_mm = (mm), .vm_flags = (flags) }

/*
 * struct page / struct folio: fake pointers into a vmemmap window (never dereferenced);
 * page_folio() and folio_nr_pages() ask the host's IMmContext.
 */
struct page { unsigned long ap_pad[8]; };
struct folio { struct page page; };
#define AP_VMEMMAP ((struct page *)(uintptr_t)0x200000000000ULL)
#define pfn_to_page(pfn) (AP_VMEMMAP + (pfn))
#define page_to_pfn(page) ((unsigned long)((page) - AP_VMEMMAP))
static inline struct folio *page_folio(struct page *page)
{
	u64 start, nr;
	ap_check(ap.folio(page_to_pfn(page), &start, &nr));
	return (struct folio *)pfn_to_page(start);
}
static inline long folio_nr_pages(struct folio *folio)
{
	u64 start, nr;
	ap_check(ap.folio(page_to_pfn(&folio->page), &start, &nr));
	return (long)nr;
}

/* Features answered by the host's hardware model (default: off). */
#define AP_FEAT_BBML2_NOABORT 1
#define AP_FEAT_HW_AF 2
#define AP_FEAT_MTE 3
#define system_supports_bbml2_noabort() (ap.feature(AP_FEAT_BBML2_NOABORT) != 0)
#define system_supports_mte() (ap.feature(AP_FEAT_MTE) != 0)
#define cpu_has_hw_af() (ap.feature(AP_FEAT_HW_AF) != 0)

/* Stubbed: page-table check, cache maintenance and barriers have no effect on the modelled PTEs. */
#define page_table_check_ptes_set(mm, ptep, pte, nr) do { } while (0)
#define page_table_check_pte_clear(mm, pte) do { } while (0)
#define dsb(opt) do { } while (0)
#define isb() do { } while (0)
#define smp_mb() __atomic_thread_fence(__ATOMIC_SEQ_CST)
