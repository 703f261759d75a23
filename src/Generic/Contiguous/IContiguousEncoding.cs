namespace ArchPgtable.Generic.Contiguous;

/// <summary>
/// The per-architecture hook set of the contiguous-block layer (<see cref="ContiguousBlocks{TEncoding}"/>): how
/// a block is encoded in the raw entries, the pte_*() accessors the layer needs, and the architecture's raw
/// <c>__</c> tier. Implement it on a <c>struct</c>: the layer takes it as a type parameter, so the JIT compiles
/// one copy of the layer per encoding and inlines every hook (no interface or virtual call per entry, no
/// allocation). Every member must be a pure function of its arguments and the struct's own fields, except the
/// raw tier, which touches exactly the entries it is given.
/// </summary>
/// <remarks>Kernel: what an architecture defines for a generic mm/contpte.c: pte_cont()/pte_valid_cont(),
/// pte_mkcont()/pte_mknoncont() (arm64) or pte_napot()/pte_mknapot() (riscv), and its __ptep_*() / __*_ptes() raw helpers.</remarks>
public interface IContiguousEncoding : IPteBits
{
    /// <summary>True when the raw entry is valid and part of a block.</summary>
    /// <remarks>Kernel: pte_valid_cont() (arm64), pte_present() &amp;&amp; pte_napot() (riscv)</remarks>
    bool IsBlock(Pte raw);

    /// <summary>True when the raw entry carries the block encoding, valid or not.</summary>
    /// <remarks>Kernel: pte_cont() (arm64), pte_napot() (riscv)</remarks>
    bool HasBlockBit(Pte raw);

    /// <summary>True when the value <c>ptep_get()</c> reports still carries the encoding (arm64 keeps PTE_CONT
    /// visible; riscv reports a plain entry), so <c>pte_batch_hint()</c> may test the value instead of reading the entry.</summary>
    /// <remarks>Kernel: pte_batch_hint() testing pte_valid_cont(pte) (arm64) or the raw __ptep_get(ptep) (riscv)</remarks>
    bool ViewShowsBlock { get; }

    /// <summary>True when the gather stops as soon as both young and dirty are found (mainline arm64).</summary>
    /// <remarks>Kernel: the early exit of contpte_ptep_get() and contpte_ptep_get_lockless()</remarks>
    bool GatherEarlyExit { get; }

    /// <summary>True when a plain value may be written as a block by <c>set_ptes()</c> (riscv: valid entries only).</summary>
    /// <remarks>Kernel: the condition of contpte_set_ptes() on the value</remarks>
    bool CanEncode(Pte plain);

    /// <summary>The raw value of a block's first entry, from the plain entry mapping the block's first page.</summary>
    /// <remarks>Kernel: pte_mkcont() (arm64), pte_mknapot(pte, order) (riscv)</remarks>
    Pte EncodeBlock(Pte plainFirst);

    /// <summary>The raw value the entry <paramref name="delta"/> places after <paramref name="raw"/> holds in a consistent block
    /// (arm64: the next PFN; riscv: the same value, every entry of a NAPOT range is identical). <paramref name="delta"/> may be negative.</summary>
    /// <remarks>Kernel: pte_advance_pfn() (arm64) or nothing (riscv)</remarks>
    Pte Sibling(Pte raw, int delta);

    /// <summary>The value core mm sees for raw entry <paramref name="raw"/> at <paramref name="offset"/> within its block, before the A/D gather.
    /// Must return a non-block entry unchanged.</summary>
    /// <remarks>Kernel: __ptep_get() as ptep_get() returns it (arm64) or the page's own plain entry (riscv series)</remarks>
    Pte View(Pte raw, int offset);

    /// <summary>The plain (non-block) entry for raw entry <paramref name="raw"/> at <paramref name="offset"/>: what an unfold writes, and what setters
    /// make of an incoming value. Must return a non-block entry without the encoding.</summary>
    /// <remarks>Kernel: pte_mknoncont() (arm64), the unfold of a NAPOT range (riscv)</remarks>
    Pte Plain(Pte raw, int offset);

    /// <summary>The bits mainline <c>ptep_set_access_flags()</c> compares over every sub-entry before it decides a block needs no update.</summary>
    /// <remarks>Kernel: the mask of contpte_all_subptes_match_access_flags()</remarks>
    ulong AccessFlagsMask { get; }

    /// <summary>Stores <paramref name="pte"/> into <paramref name="nr"/> ≥ 1 consecutive entries, advancing the PFN by one each time.</summary>
    /// <remarks>Kernel: __set_ptes()</remarks>
    void RawSetPtes(PtePointer ptep, Pte pte, int nr);

    /// <summary>Clears the access flag of one entry atomically; returns whether it was young.</summary>
    /// <remarks>Kernel: __ptep_test_and_clear_young()</remarks>
    bool RawTestAndClearYoung(PtePointer ptep);

    /// <summary>Test-and-clears young of one entry with the architecture's TLB maintenance.</summary>
    /// <remarks>Kernel: __ptep_clear_flush_young()</remarks>
    bool RawClearFlushYoung(IMmContext vma, ulong addr, PtePointer ptep);

    /// <summary>Write-protects one entry atomically.</summary>
    /// <remarks>Kernel: __ptep_set_wrprotect()</remarks>
    void RawSetWrprotect(PtePointer ptep);

    /// <summary>Makes one entry at least as permissive as <paramref name="entry"/>, with the architecture's TLB maintenance.</summary>
    /// <remarks>Kernel: __ptep_set_access_flags()</remarks>
    bool RawSetAccessFlags(IMmContext vma, ulong addr, PtePointer ptep, Pte entry, bool dirty);

    /// <summary>Clears young and/or dirty on <paramref name="nr"/> consecutive entries.</summary>
    /// <remarks>Kernel: __clear_young_dirty_ptes()</remarks>
    void RawClearYoungDirtyPtes(PtePointer ptep, int nr, CydpFlags flags);
}
