/*
 * ArchPgtable native shim, arm64 part. Written by the ArchPgtable project, not kernel code.
 * PAGE_SHIFT and CONFIG_ARM64_CONT_PTE_SHIFT come from the model's geometry (-D on the command line).
 */
#define PAGE_SHIFT CONFIG_PAGE_SHIFT
#define PAGE_SIZE (_AC(1, UL) << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))

/* TLB maintenance (asm/tlbflush.h) is reported to the host's ITlbFlusher. */
static inline void __flush_tlb_range(struct vm_area_struct *vma, unsigned long start, unsigned long end,
				     unsigned long stride, bool last_level, int tlb_level)
{
	(void)vma; (void)tlb_level;
	ap_check(ap.flush_range(start, end, stride, last_level, 1));
}
static inline void __flush_tlb_range_nosync(struct vm_area_struct *vma, unsigned long start, unsigned long end,
					    unsigned long stride, bool last_level, int tlb_level)
{
	(void)vma; (void)tlb_level;
	ap_check(ap.flush_range(start, end, stride, last_level, 0));
}
static inline void flush_tlb_page(struct vm_area_struct *vma, unsigned long uaddr)
{
	(void)vma;
	ap_check(ap.flush_page(uaddr, 1));
}
static inline void flush_tlb_page_nosync(struct vm_area_struct *vma, unsigned long uaddr)
{
	(void)vma;
	ap_check(ap.flush_page(uaddr, 0));
}
#define __flush_tlb_page_nosync(mm, uaddr) ap_check(ap.flush_page((uaddr), 0))
/* Local (non-broadcast) flushes: this CPU only, plus the mmu notifier unless _nonotify. */
#define local_flush_tlb_page(vma, uaddr) \
	ap_check(ap.flush_local((uaddr) & PAGE_MASK, ((uaddr) & PAGE_MASK) + PAGE_SIZE, PAGE_SIZE, 1))
#define local_flush_tlb_page_nonotify(vma, uaddr) \
	ap_check(ap.flush_local((uaddr) & PAGE_MASK, ((uaddr) & PAGE_MASK) + PAGE_SIZE, PAGE_SIZE, 0))
#define local_flush_tlb_contpte(vma, addr) \
	ap_check(ap.flush_local(ALIGN_DOWN((addr), CONT_PTE_SIZE), ALIGN_DOWN((addr), CONT_PTE_SIZE) + CONT_PTE_SIZE, PAGE_SIZE, 1))
#define flush_tlb_fix_spurious_fault(vma, address, ptep) do { } while (0)

/* Stubbed (see README): the DEBUG_VM race checker, I-cache and MTE tag maintenance. */
#define __check_safe_pte_update(mm, ptep, pte) do { } while (0)
#define __sync_cache_and_tags(pte, nr_pages) do { } while (0)
