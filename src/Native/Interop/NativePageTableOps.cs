using ArchPgtable.Generic;

namespace ArchPgtable.Native.Interop;

/// <summary>
/// The kernel's own C helpers behind <see cref="IPageTableOps"/>. The public helpers of
/// <see cref="GenericPageTableOps"/> check the batch contract first, so no C runs on a call that
/// breaks it; each <c>…Core</c> below then calls the tree's public helper of the same name.
/// <c>ptep_get_and_clear_full</c> keeps the pgtable.h default (it calls the native
/// <c>ptep_get_and_clear</c>), as on arm64; <c>mkold_clean_ptes</c> is <c>clear_young_dirty_ptes</c>
/// with both flags, the helper the v4 series became.
/// </summary>
/// <remarks>Kernel: the tree's arch/&lt;arch&gt;/include/asm/pgtable.h public API, compiled.</remarks>
internal unsafe class NativePageTableOps : GenericPageTableOps
{
    private readonly NativeLibraryHandle _lib;
    private readonly NativeFeatures _features;

    public NativePageTableOps(IPteFormat format, ArchGeometry geometry, bool debugVm, NativeLibraryHandle lib, NativeFeatures features, NativeBuildInfo info)
        : base(format, geometry, debugVm)
    {
        _lib = lib;
        _features = features;
        Info = info;
    }

    public NativeBuildInfo Info { get; }

    /// <summary>The answers the shim's feature checks get.</summary>
    public NativeFeatures Features => _features;

    /// <summary>The same compiled helpers with other feature answers (a machine's).</summary>
    public NativePageTableOps WithFeatures(NativeFeatures features) => Create(Format, Geometry, DebugVm, _lib, features, Info);

    /// <summary>The native helpers of <paramref name="lib"/>: with the arch's own <c>ptep_get_and_clear_full()</c> when it exports one.</summary>
    public static NativePageTableOps Create(IPteFormat format, ArchGeometry geometry, bool debugVm, NativeLibraryHandle lib, NativeFeatures features, NativeBuildInfo info) =>
        lib.PtepGetAndClearFull is null
            ? new NativePageTableOps(format, geometry, debugVm, lib, features, info)
            : new NativeFullOps(format, geometry, debugVm, lib, features, info);

    [KernelHelper("ptep_get")]
    protected override Pte PtepGetCore(PtePointer ptep)
    {
        ulong ret;
        var prev = NativeCall.Begin(ptep.Table, null, _features);
        var rc = _lib.PtepGet(NativeCall.Address(ptep), &ret);
        NativeCall.End(prev, rc, "ptep_get");
        return new Pte(ret);
    }

    [KernelHelper("ptep_get_lockless")]
    protected override Pte PtepGetLocklessCore(PtePointer ptep)
    {
        ulong ret;
        var prev = NativeCall.Begin(ptep.Table, null, _features);
        var rc = _lib.PtepGetLockless(NativeCall.Address(ptep), &ret);
        NativeCall.End(prev, rc, "ptep_get_lockless");
        return new Pte(ret);
    }

    [KernelHelper("set_ptes")]
    protected override void SetPtesCore(IMmContext mm, ulong addr, PtePointer ptep, Pte pte, int nr)
    {
        var prev = NativeCall.Begin(ptep.Table, mm, _features);
        var rc = _lib.SetPtes(User(mm), addr, NativeCall.Address(ptep), pte.Value, (uint)nr);
        NativeCall.End(prev, rc, "set_ptes");
    }

    [KernelHelper("ptep_get_and_clear")]
    protected override Pte PtepGetAndClearCore(IMmContext mm, ulong addr, PtePointer ptep)
    {
        ulong ret;
        var prev = NativeCall.Begin(ptep.Table, mm, _features);
        var rc = _lib.PtepGetAndClear(User(mm), addr, NativeCall.Address(ptep), &ret);
        NativeCall.End(prev, rc, "ptep_get_and_clear");
        return new Pte(ret);
    }

    [KernelHelper("get_and_clear_full_ptes")]
    protected override Pte GetAndClearFullPtesCore(IMmContext mm, ulong addr, PtePointer ptep, int nr, bool full)
    {
        ulong ret;
        var prev = NativeCall.Begin(ptep.Table, mm, _features);
        var rc = _lib.GetAndClearFullPtes(User(mm), addr, NativeCall.Address(ptep), (uint)nr, full ? 1 : 0, &ret);
        NativeCall.End(prev, rc, "get_and_clear_full_ptes");
        return new Pte(ret);
    }

    [KernelHelper("clear_full_ptes")]
    protected override void ClearFullPtesCore(IMmContext mm, ulong addr, PtePointer ptep, int nr, bool full)
    {
        var prev = NativeCall.Begin(ptep.Table, mm, _features);
        var rc = _lib.ClearFullPtes(User(mm), addr, NativeCall.Address(ptep), (uint)nr, full ? 1 : 0);
        NativeCall.End(prev, rc, "clear_full_ptes");
    }

    [KernelHelper("ptep_test_and_clear_young")]
    protected override bool PtepTestAndClearYoungCore(IMmContext vma, ulong addr, PtePointer ptep)
    {
        int ret;
        var prev = NativeCall.Begin(ptep.Table, vma, _features);
        var rc = _lib.PtepTestAndClearYoung(User(vma), addr, NativeCall.Address(ptep), &ret);
        NativeCall.End(prev, rc, "ptep_test_and_clear_young");
        return ret != 0;
    }

    [KernelHelper("ptep_clear_flush_young")]
    protected override bool PtepClearFlushYoungCore(IMmContext vma, ulong addr, PtePointer ptep)
    {
        int ret;
        var prev = NativeCall.Begin(ptep.Table, vma, _features);
        var rc = _lib.PtepClearFlushYoung(User(vma), addr, NativeCall.Address(ptep), &ret);
        NativeCall.End(prev, rc, "ptep_clear_flush_young");
        return ret != 0;
    }

    [KernelHelper("ptep_set_wrprotect")]
    protected override void PtepSetWrprotectCore(IMmContext mm, ulong addr, PtePointer ptep)
    {
        var prev = NativeCall.Begin(ptep.Table, mm, _features);
        var rc = _lib.PtepSetWrprotect(User(mm), addr, NativeCall.Address(ptep));
        NativeCall.End(prev, rc, "ptep_set_wrprotect");
    }

    [KernelHelper("wrprotect_ptes")]
    protected override void WrprotectPtesCore(IMmContext mm, ulong addr, PtePointer ptep, int nr)
    {
        var prev = NativeCall.Begin(ptep.Table, mm, _features);
        var rc = _lib.WrprotectPtes(User(mm), addr, NativeCall.Address(ptep), (uint)nr);
        NativeCall.End(prev, rc, "wrprotect_ptes");
    }

    [KernelHelper("ptep_set_access_flags")]
    protected override bool PtepSetAccessFlagsCore(IMmContext vma, ulong addr, PtePointer ptep, Pte entry, bool dirty)
    {
        int ret;
        var prev = NativeCall.Begin(ptep.Table, vma, _features);
        var rc = _lib.PtepSetAccessFlags(User(vma), addr, NativeCall.Address(ptep), entry.Value, dirty ? 1 : 0, &ret);
        NativeCall.End(prev, rc, "ptep_set_access_flags");
        return ret != 0;
    }

    [KernelHelper("clear_young_dirty_ptes")]
    protected override void ClearYoungDirtyPtesCore(IMmContext vma, ulong addr, PtePointer ptep, int nr, CydpFlags flags) =>
        ClearYoungDirty(vma, addr, ptep, nr, flags);

    [KernelHelper("clear_young_dirty_ptes")]
    protected override void MkoldCleanPtesCore(IMmContext vma, ulong addr, PtePointer ptep, int nr) =>
        ClearYoungDirty(vma, addr, ptep, nr, CydpFlags.Young | CydpFlags.Dirty);

    [KernelHelper("pte_batch_hint")]
    protected override int PteBatchHintCore(PtePointer ptep, Pte pte)
    {
        uint ret;
        var prev = NativeCall.Begin(ptep.Table, null, _features);
        var rc = _lib.PteBatchHint(NativeCall.Address(ptep), pte.Value, &ret);
        NativeCall.End(prev, rc, "pte_batch_hint");
        return (int)ret;
    }

    protected NativeLibraryHandle Lib => _lib;

    protected static int User(IMmContext mm) => mm.IsUserMm ? 1 : 0;

    /// <summary>The arch overrides <c>ptep_get_and_clear_full()</c> (x86: a plain read and clear when <c>full</c>).</summary>
    private sealed class NativeFullOps(IPteFormat format, ArchGeometry geometry, bool debugVm, NativeLibraryHandle lib, NativeFeatures features, NativeBuildInfo info)
        : NativePageTableOps(format, geometry, debugVm, lib, features, info)
    {
        [KernelHelper("ptep_get_and_clear_full")]
        protected override Pte PtepGetAndClearFullCore(IMmContext mm, ulong addr, PtePointer ptep, bool full)
        {
            ulong ret;
            var prev = NativeCall.Begin(ptep.Table, mm, Features);
            var rc = Lib.PtepGetAndClearFull(User(mm), addr, NativeCall.Address(ptep), full ? 1 : 0, &ret);
            NativeCall.End(prev, rc, "ptep_get_and_clear_full");
            return new Pte(ret);
        }
    }

    private void ClearYoungDirty(IMmContext vma, ulong addr, PtePointer ptep, int nr, CydpFlags flags)
    {
        int ret;
        var prev = NativeCall.Begin(ptep.Table, vma, _features);
        var rc = _lib.ClearYoungDirtyPtes(User(vma), addr, NativeCall.Address(ptep), (uint)nr, (int)flags, &ret);
        NativeCall.End(prev, rc, "clear_young_dirty_ptes");
    }
}
