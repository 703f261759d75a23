/*
 * ArchPgtable native shim, arm64 hooks. Written by the ArchPgtable project, not kernel code.
 * The tree's contpte_convert() is compiled as ap_kernel_contpte_convert(); this wrapper calls it
 * and reports the fold (the new entry has PTE_CONT) or unfold to the host's ICostCounters, as the
 * C# model counts them.
 */
static void contpte_convert(struct mm_struct *mm, unsigned long addr, pte_t *ptep, pte_t pte)
{
	ap_kernel_contpte_convert(mm, addr, ptep, pte);
	ap_check(ap.event(pte_cont(pte) ? AP_EVENT_FOLD : AP_EVENT_UNFOLD, ALIGN_DOWN(addr, CONT_PTE_SIZE), CONT_PTES));
}
