/*
 * ArchPgtable native shim, x86_64 part. Written by the ArchPgtable project, not kernel code.
 * 4-level paging, 4K pages, 52-bit physical addresses; no paravirt (CONFIG_PARAVIRT_XXL=n: the
 * native_* helpers are the helpers).
 */
#define PAGE_SHIFT CONFIG_PAGE_SHIFT
#define PAGE_SIZE (_AC(1, UL) << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))
#define __PHYSICAL_MASK_SHIFT 52
#define __PHYSICAL_MASK ((phys_addr_t)((1ULL << __PHYSICAL_MASK_SHIFT) - 1))
#define PHYSICAL_PAGE_MASK (((signed long)PAGE_MASK) & __PHYSICAL_MASK)
typedef unsigned long pgprotval_t;

/*
 * CPU features (cpu_feature_enabled()): answered by the host like the arm64 checks. The only one the
 * taken helpers ask is X86_FEATURE_SHSTK (pte_shstk(): Write=0,Dirty=1 is a shadow-stack page); no
 * machine description has CET, so it is off.
 */
#define X86_FEATURE_SHSTK 16
#define X86_FEATURE_USER_SHSTK 17
#define cpu_feature_enabled(f) (ap.feature(f) != 0)
#define boot_cpu_has(f) cpu_feature_enabled(f)

/*
 * Compare-exchange on a PTE word (&ptep->pte): routed to the host like cmpxchg/xchg, so it is
 * counted, observed and a race-injection point. test_and_clear_bit() is in ap_common.h.
 */
#define try_cmpxchg(ptr, oldp, new_) ({ \
	pteval_t *ap_oldp = (pteval_t *)(oldp); \
	pteval_t ap_o = *ap_oldp; \
	pteval_t ap_f = ap_cmpxchg((volatile pteval_t *)(ptr), ap_o, (pteval_t)(new_)); \
	if (ap_f != ap_o) \
		*ap_oldp = ap_f; \
	ap_f == ap_o; \
})

/* TLB maintenance: the taken x86 helpers flush nothing themselves (ptep_clear_flush_young does not flush). */
static inline void flush_tlb_page(struct vm_area_struct *vma, unsigned long uaddr)
{
	(void)vma;
	ap_check(ap.flush_page(uaddr, 1));
}
#define flush_tlb_fix_spurious_fault(vma, address, ptep) do { } while (0)

/* x86 overrides ptep_get_and_clear_full() (__HAVE_ARCH_PTEP_GET_AND_CLEAR_FULL): export it (Shim/ap_entry.c). */
#define AP_HAVE_PTEP_GET_AND_CLEAR_FULL 1
