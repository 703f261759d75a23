/*
 * ArchPgtable native shim: the exported entry points. Written by the ArchPgtable project.
 * Each calls one public helper of the tree's pgtable.h API under a setjmp, so that a host
 * error (an exception in a callback) or a BUG_ON unwinds back here and returns nonzero.
 * 'user' selects the user mm (1) or init_mm (0). PTE pointers are host window addresses.
 */
#define AP_EXPORT __attribute__((visibility("default")))
#define AP_ENTER(user) \
	jmp_buf ap_env; jmp_buf *ap_saved = ap_unwind; \
	struct mm_struct *mm = (user) ? &ap_user_mm : &init_mm; \
	struct vm_area_struct vma = { .vm_mm = mm, .vm_flags = 0 }; \
	(void)vma; \
	if (setjmp(ap_env)) { ap_unwind = ap_saved; return 1; } \
	ap_unwind = &ap_env;
#define AP_LEAVE() do { ap_unwind = ap_saved; return 0; } while (0)
#define AP_PTEP(p) ((pte_t *)(uintptr_t)(p))

AP_EXPORT void ap_init(const ap_host *host) { ap = *host; }

AP_EXPORT int ap_ptep_get(u64 ptep, u64 *ret)
{
	AP_ENTER(1);
	*ret = pte_val(ptep_get(AP_PTEP(ptep)));
	AP_LEAVE();
}

AP_EXPORT int ap_ptep_get_lockless(u64 ptep, u64 *ret)
{
	AP_ENTER(1);
	*ret = pte_val(ptep_get_lockless(AP_PTEP(ptep)));
	AP_LEAVE();
}

AP_EXPORT int ap_set_ptes(int user, u64 addr, u64 ptep, u64 pte, u32 nr)
{
	AP_ENTER(user);
	set_ptes(mm, addr, AP_PTEP(ptep), __pte(pte), nr);
	AP_LEAVE();
}

AP_EXPORT int ap_ptep_get_and_clear(int user, u64 addr, u64 ptep, u64 *ret)
{
	AP_ENTER(user);
	*ret = pte_val(ptep_get_and_clear(mm, addr, AP_PTEP(ptep)));
	AP_LEAVE();
}

#ifdef AP_HAVE_PTEP_GET_AND_CLEAR_FULL
/* Only where the arch overrides ptep_get_and_clear_full() (x86: non-atomic when full); else the host keeps the pgtable.h default. */
AP_EXPORT int ap_ptep_get_and_clear_full(int user, u64 addr, u64 ptep, int full, u64 *ret)
{
	AP_ENTER(user);
	*ret = pte_val(ptep_get_and_clear_full(mm, addr, AP_PTEP(ptep), full));
	AP_LEAVE();
}
#endif

AP_EXPORT int ap_get_and_clear_full_ptes(int user, u64 addr, u64 ptep, u32 nr, int full, u64 *ret)
{
	AP_ENTER(user);
	*ret = pte_val(get_and_clear_full_ptes(mm, addr, AP_PTEP(ptep), nr, full));
	AP_LEAVE();
}

AP_EXPORT int ap_clear_full_ptes(int user, u64 addr, u64 ptep, u32 nr, int full)
{
	AP_ENTER(user);
	clear_full_ptes(mm, addr, AP_PTEP(ptep), nr, full);
	AP_LEAVE();
}

AP_EXPORT int ap_ptep_test_and_clear_young(int user, u64 addr, u64 ptep, int *ret)
{
	AP_ENTER(user);
	*ret = ptep_test_and_clear_young(&vma, addr, AP_PTEP(ptep));
	AP_LEAVE();
}

AP_EXPORT int ap_ptep_clear_flush_young(int user, u64 addr, u64 ptep, int *ret)
{
	AP_ENTER(user);
	*ret = ptep_clear_flush_young(&vma, addr, AP_PTEP(ptep));
	AP_LEAVE();
}

AP_EXPORT int ap_ptep_set_wrprotect(int user, u64 addr, u64 ptep)
{
	AP_ENTER(user);
	ptep_set_wrprotect(mm, addr, AP_PTEP(ptep));
	AP_LEAVE();
}

AP_EXPORT int ap_wrprotect_ptes(int user, u64 addr, u64 ptep, u32 nr)
{
	AP_ENTER(user);
	wrprotect_ptes(mm, addr, AP_PTEP(ptep), nr);
	AP_LEAVE();
}

AP_EXPORT int ap_ptep_set_access_flags(int user, u64 addr, u64 ptep, u64 entry, int dirty, int *ret)
{
	AP_ENTER(user);
	*ret = ptep_set_access_flags(&vma, addr, AP_PTEP(ptep), __pte(entry), dirty);
	AP_LEAVE();
}

AP_EXPORT int ap_clear_young_dirty_ptes(int user, u64 addr, u64 ptep, u32 nr, int flags, int *ret)
{
	AP_ENTER(user);
	clear_young_dirty_ptes(&vma, addr, AP_PTEP(ptep), nr, (cydp_t)flags);
	*ret = 0;
	AP_LEAVE();
}

AP_EXPORT int ap_pte_batch_hint(u64 ptep, u64 pte, u32 *ret)
{
	AP_ENTER(1);
	*ret = pte_batch_hint(AP_PTEP(ptep), __pte(pte));
	AP_LEAVE();
}
