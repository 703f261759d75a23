using static ArchPgtable.RiscV.RiscVPteBits;

namespace ArchPgtable.RiscV;

/// <summary>
/// The riscv user page protections and the VMA-flags-to-protection map. Every user protection
/// includes A (<c>_PAGE_BASE</c> = V|A|U), so a fresh entry is young; D is left to the fault;
/// private writable mappings are read-only until the write fault copies (COW).
/// </summary>
/// <remarks>Kernel: arch/riscv/include/asm/pgtable.h (PAGE_*), arch/riscv/mm/init.c (protection_map[]).</remarks>
public static class RiscVPageProt
{
    /// <summary>What every user protection carries: valid, accessed, user.</summary>
    /// <remarks>Kernel: _PAGE_BASE</remarks>
    public const ulong _PAGE_BASE = _PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_USER;

    /// <summary>No access: PROT_NONE (invalid to the hart) plus R.</summary>
    /// <remarks>Kernel: PAGE_NONE (_PAGE_PROT_NONE | _PAGE_READ)</remarks>
    public const ulong PAGE_NONE = _PAGE_PROT_NONE | _PAGE_READ;

    /// <summary>Read-only.</summary>
    /// <remarks>Kernel: PAGE_READ (also PAGE_COPY)</remarks>
    public const ulong PAGE_READ = _PAGE_BASE | _PAGE_READ;

    /// <summary>Read and write.</summary>
    /// <remarks>Kernel: PAGE_WRITE (also PAGE_SHARED)</remarks>
    public const ulong PAGE_WRITE = _PAGE_BASE | _PAGE_READ | _PAGE_WRITE;

    /// <summary>Execute-only.</summary>
    /// <remarks>Kernel: PAGE_EXEC</remarks>
    public const ulong PAGE_EXEC = _PAGE_BASE | _PAGE_EXEC;

    /// <summary>Read and execute.</summary>
    /// <remarks>Kernel: PAGE_READ_EXEC (also PAGE_COPY_EXEC)</remarks>
    public const ulong PAGE_READ_EXEC = _PAGE_BASE | _PAGE_READ | _PAGE_EXEC;

    /// <summary>Read, write and execute.</summary>
    /// <remarks>Kernel: PAGE_WRITE_EXEC (also PAGE_SHARED_EXEC)</remarks>
    public const ulong PAGE_WRITE_EXEC = _PAGE_BASE | _PAGE_READ | _PAGE_EXEC | _PAGE_WRITE;

    /// <summary>The protection of a user mapping with <paramref name="flags"/>: riscv's protection_map[] lookup.</summary>
    /// <remarks>Kernel: vm_get_page_prot() / protection_map[] (arch/riscv/mm/init.c)</remarks>
    public static PteProt VmGetPageProt(VmFlags flags)
    {
        var read = (flags & VmFlags.Read) != 0;
        var write = (flags & VmFlags.Write) != 0;
        var exec = (flags & VmFlags.Exec) != 0;
        var shared = (flags & VmFlags.Shared) != 0;
        ulong prot;
        if (write)
        {
            // Private: PAGE_COPY(_EXEC) = PAGE_READ(_EXEC) until the write fault copies.
            prot = shared ? (exec ? PAGE_WRITE_EXEC : PAGE_WRITE) : (exec ? PAGE_READ_EXEC : PAGE_READ);
        }
        else if (exec)
        {
            prot = read ? PAGE_READ_EXEC : PAGE_EXEC;
        }
        else
        {
            prot = read ? PAGE_READ : PAGE_NONE;
        }

        return new PteProt(prot);
    }
}
