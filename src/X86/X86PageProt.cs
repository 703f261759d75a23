using static ArchPgtable.X86.X86PteBits;

namespace ArchPgtable.X86;

/// <summary>
/// The x86-64 user page protections and the VMA-flags-to-protection map. Every user protection
/// is present, user and accessed (Linux installs user pages young); private writable mappings
/// are read-only until the write fault copies (COW); NX unless executable.
/// </summary>
/// <remarks>Kernel: arch/x86/include/asm/pgtable_types.h (PAGE_*), arch/x86/mm/pgprot.c (protection_map[], vm_get_page_prot()).</remarks>
public static class X86PageProt
{
    /// <summary>No access: PROT_NONE (not present to the CPU) and accessed.</summary>
    /// <remarks>Kernel: PAGE_NONE (___A | ___G, _PAGE_GLOBAL doubling as _PAGE_PROTNONE)</remarks>
    public const ulong PAGE_NONE = _PAGE_ACCESSED | _PAGE_PROTNONE;

    /// <summary>Shared writable, not executable.</summary>
    /// <remarks>Kernel: PAGE_SHARED (__PP | __RW | _USR | ___A | __NX)</remarks>
    public const ulong PAGE_SHARED = _PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED | _PAGE_NX;

    /// <summary>Shared writable and executable.</summary>
    /// <remarks>Kernel: PAGE_SHARED_EXEC</remarks>
    public const ulong PAGE_SHARED_EXEC = _PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED;

    /// <summary>Private (copy on write): read-only until the write fault, not executable.</summary>
    /// <remarks>Kernel: PAGE_COPY (== PAGE_COPY_NOEXEC)</remarks>
    public const ulong PAGE_COPY = _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED | _PAGE_NX;

    /// <summary>Private (copy on write) and executable.</summary>
    /// <remarks>Kernel: PAGE_COPY_EXEC</remarks>
    public const ulong PAGE_COPY_EXEC = _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED;

    /// <summary>Read-only, not executable.</summary>
    /// <remarks>Kernel: PAGE_READONLY</remarks>
    public const ulong PAGE_READONLY = _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED | _PAGE_NX;

    /// <summary>Read-only and executable.</summary>
    /// <remarks>Kernel: PAGE_READONLY_EXEC</remarks>
    public const ulong PAGE_READONLY_EXEC = _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED;

    /// <summary>The protection of a user mapping with <paramref name="flags"/>: x86's protection_map[] lookup.</summary>
    /// <remarks>Kernel: vm_get_page_prot() / protection_map[] (arch/x86/mm/pgprot.c)</remarks>
    public static PteProt VmGetPageProt(VmFlags flags)
    {
        var read = (flags & VmFlags.Read) != 0;
        var write = (flags & VmFlags.Write) != 0;
        var exec = (flags & VmFlags.Exec) != 0;
        var shared = (flags & VmFlags.Shared) != 0;
        ulong prot;
        if (write)
        {
            prot = shared ? (exec ? PAGE_SHARED_EXEC : PAGE_SHARED) : (exec ? PAGE_COPY_EXEC : PAGE_COPY);
        }
        else if (exec)
        {
            prot = PAGE_READONLY_EXEC;
        }
        else
        {
            prot = read ? PAGE_READONLY : PAGE_NONE;
        }

        return new PteProt(prot);
    }
}
