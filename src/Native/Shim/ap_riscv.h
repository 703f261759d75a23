/*
 * ArchPgtable native shim, riscv64 part. Written by the ArchPgtable project, not kernel code.
 * 4K pages; Svpbmt, T-Head errata and XIP not built.
 */
#define PAGE_SHIFT CONFIG_PAGE_SHIFT
#define PAGE_SIZE (_AC(1, UL) << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))

/* ISA extensions (riscv_has_extension_*()): answered by the host; no machine description has Svvptc or Svnapot for the PTE helpers, so both are off. */
#define RISCV_ISA_EXT_SVNAPOT 32
#define RISCV_ISA_EXT_SVVPTC 33
#define riscv_has_extension_likely(ext) (ap.feature(ext) != 0)
#define riscv_has_extension_unlikely(ext) (ap.feature(ext) != 0)
#define ALT_THEAD_PMA(prot) do { } while (0)

/* atomic_long_*() on a PTE word: the host's Exchange / a compare-exchange loop (an AMO on riscv). */
typedef struct { long counter; } atomic_long_t;
#define atomic_long_xchg(v, val) ((long)ap_xchg((volatile pteval_t *)(v), (pteval_t)(val)))
static inline void ap_atomic_long_and(long mask, volatile void *v)
{
	volatile pteval_t *p = (volatile pteval_t *)v;
	pteval_t old = ap_read_pte((const volatile pte_t *)p).pte;
	for (;;) {
		pteval_t found = ap_cmpxchg(p, old, old & (pteval_t)mask);
		if (found == old)
			return;
		old = found;
	}
}
#define atomic_long_and(mask, v) ap_atomic_long_and((long)(mask), (v))

/* TLB and I-cache maintenance. */
static inline void flush_tlb_page(struct vm_area_struct *vma, unsigned long uaddr)
{
	(void)vma;
	ap_check(ap.flush_page(uaddr, 1));
}
#define flush_icache_pte(mm, pte) do { (void)(mm); } while (0)
#define flush_tlb_fix_spurious_fault(vma, address, ptep) do { } while (0)
