using static ArchPgtable.Arm64.Arm64PteBits;

namespace ArchPgtable.Arm64;

/// <summary>
/// The user page protections of arm64 and the VMA-flags-to-protection map. Every user
/// protection is a normal-memory, inner-shareable, not-global page with the access flag set;
/// writable ones carry PTE_RDONLY too, because a fresh writable page is clean.
/// </summary>
/// <remarks>Kernel: arch/arm64/include/asm/pgtable-prot.h (PAGE_*), arch/arm64/mm/mmap.c (protection_map, vm_get_page_prot()).</remarks>
public static class Arm64PageProt
{
    /// <summary>The attributes every user page carries: page type, access flag, inner shareable, not global, MT_NORMAL (AttrIndx 0).</summary>
    /// <remarks>Kernel: _PAGE_DEFAULT (= _PROT_DEFAULT | PTE_MAYBE_NG | PTE_ATTRINDX(MT_NORMAL))</remarks>
    public const ulong _PAGE_DEFAULT = PTE_TYPE_PAGE | PTE_AF | PTE_SHARED | PTE_NG;

    /// <summary>No access: present but invalid.</summary>
    /// <remarks>Kernel: PAGE_NONE</remarks>
    public const ulong PAGE_NONE = (_PAGE_DEFAULT & ~PTE_VALID) | PTE_PRESENT_INVALID | PTE_RDONLY | PTE_NG | PTE_PXN | PTE_UXN;

    /// <summary>Shared writable: clean-writable (WRITE and RDONLY), never executable.</summary>
    /// <remarks>Kernel: PAGE_SHARED</remarks>
    public const ulong PAGE_SHARED = _PAGE_DEFAULT | PTE_USER | PTE_RDONLY | PTE_NG | PTE_PXN | PTE_UXN | PTE_WRITE;

    /// <summary>Shared writable and user-executable.</summary>
    /// <remarks>Kernel: PAGE_SHARED_EXEC</remarks>
    public const ulong PAGE_SHARED_EXEC = _PAGE_DEFAULT | PTE_USER | PTE_RDONLY | PTE_NG | PTE_PXN | PTE_WRITE;

    /// <summary>Read-only (also private writable mappings until the write fault copies: COW).</summary>
    /// <remarks>Kernel: PAGE_READONLY</remarks>
    public const ulong PAGE_READONLY = _PAGE_DEFAULT | PTE_USER | PTE_RDONLY | PTE_NG | PTE_PXN | PTE_UXN;

    /// <summary>Read-only and user-executable.</summary>
    /// <remarks>Kernel: PAGE_READONLY_EXEC</remarks>
    public const ulong PAGE_READONLY_EXEC = _PAGE_DEFAULT | PTE_USER | PTE_RDONLY | PTE_NG | PTE_PXN;

    /// <summary>Execute-only (no EL0 data access). Used for VM_EXEC only on CPUs with Enhanced PAN, which is not modelled.</summary>
    /// <remarks>Kernel: PAGE_EXECONLY</remarks>
    public const ulong PAGE_EXECONLY = _PAGE_DEFAULT | PTE_RDONLY | PTE_NG | PTE_PXN;

    /// <summary>
    /// The protection of a user mapping with <paramref name="flags"/>. Private writable mappings
    /// get <see cref="PAGE_READONLY"/> (copy on write), shared writable ones <see cref="PAGE_SHARED"/>.
    /// Execute-only mappings get <see cref="PAGE_READONLY_EXEC"/>: the protection map without
    /// Enhanced PAN (no BTI or MTE attributes).
    /// </summary>
    /// <remarks>Kernel: vm_get_page_prot() / protection_map[] (arch/arm64/mm/mmap.c)</remarks>
    public static PteProt VmGetPageProt(VmFlags flags)
    {
        var read = (flags & VmFlags.Read) != 0;
        var write = (flags & VmFlags.Write) != 0;
        var exec = (flags & VmFlags.Exec) != 0;
        var shared = (flags & VmFlags.Shared) != 0;
        ulong prot;
        if (!read && !write && !exec)
        {
            prot = PAGE_NONE;
        }
        else if (write && shared)
        {
            prot = exec ? PAGE_SHARED_EXEC : PAGE_SHARED;
        }
        else
        {
            prot = exec ? PAGE_READONLY_EXEC : PAGE_READONLY;
        }

        return new PteProt(prot);
    }
}
