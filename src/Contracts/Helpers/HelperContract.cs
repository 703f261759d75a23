using System.Globalization;
using ArchPgtable.Contracts.Checking;
using ArchPgtable.Contracts.Generation;
using ArchPgtable.Contracts.World;

namespace ArchPgtable.Contracts.Helpers;

/// <summary>
/// The contract of one <see cref="IPageTableOps"/> helper, stated on the core-mm view: how its
/// arguments are drawn from a state, how to call it, what must hold afterwards, and — for race
/// injection — which concurrent hardware A/D updates its own semantics allow it to drop or
/// require it to return.
/// </summary>
internal abstract class HelperContract
{
    /// <summary>The helper's kernel name, e.g. <c>clear_young_dirty_ptes</c>.</summary>
    public abstract string Helper { get; }

    /// <summary>The <see cref="IPageTableOps"/> member name, e.g. <c>ClearYoungDirtyPtes</c>.</summary>
    public abstract string Member { get; }

    /// <summary>How the arguments are drawn.</summary>
    public abstract CallShape Shape { get; }

    /// <summary>The rules, in one paragraph, for reports and the README.</summary>
    public abstract string Summary { get; }

    /// <summary>Include the blocks that contain an entry of the range after the call in the window (fold).</summary>
    public virtual bool WindowIncludesAfterBlocks => false;

    /// <summary>Calls the helper.</summary>
    public abstract CallResult Invoke(ContractWorld w, in ResolvedCall c);

    /// <summary>The call in kernel spelling.</summary>
    public abstract string Describe(ContractWorld w, in ResolvedCall c);

    /// <summary>Adds every broken rule to <paramref name="s"/>.</summary>
    public abstract void Check(CaseState s);

    /// <summary>True when the helper's own semantics clear <paramref name="dirty"/> (else young) on <paramref name="page"/>, so a concurrent hardware set of it may be lost.</summary>
    public virtual bool MayLose(CaseState s, int page, bool dirty) => false;

    /// <summary>True when the helper's return value reports <paramref name="dirty"/> (else young) for <paramref name="page"/> in place of the entry.</summary>
    public virtual bool Carries(CaseState s, int page, bool dirty) => false;

    /// <summary>Draws concrete arguments from the built state; false when the state offers none (the case is discarded).</summary>
    public bool TryResolve(ContractWorld w, BuiltState built, CallSpec spec, List<string>? log, out ResolvedCall call)
    {
        call = default;
        switch (Shape)
        {
            case CallShape.NewMapping:
                {
                    if (built.CallFolio is not { } folio || built.CallFolioSpec is null)
                    {
                        return false;
                    }

                    var n = folio.Folio.NrPages;
                    var s = spec.StartPick % n;
                    var nr = 1 + (spec.LenPick % (n - s));
                    var entry = ScenarioBuilder.Entry(w, folio, (spec.Variant & 1) != 0, (spec.Variant & 2) != 0, s);
                    call = new ResolvedCall(folio.Index + s, nr, spec.Cydp, spec.Full, entry, false, spec.Variant);
                    return true;
                }

            case CallShape.Reset:
                {
                    if (!CallResolver.TryRange(w, spec, single: true, out var p, out _, out var runEnd))
                    {
                        return false;
                    }

                    if ((spec.Variant & 1) != 0)
                    {
                        p = Math.Min(p | (w.Geometry.ContPtes - 1), runEnd - 1);
                    }

                    var a = w.Addr(p);
                    var old = w.Ops.PtepGetAndClear(w.Mm, a, w.P(p));
                    w.Mm.Tlb.FlushPage(a);
                    var f = w.Format;
                    var entry = (spec.Variant & 2) != 0 ? f.MkOld(old) : old;
                    entry = (spec.Variant & 4) != 0 ? f.MkClean(entry) : entry;
                    log?.Add(string.Create(CultureInfo.InvariantCulture,
                        $"ptep_get_and_clear({w.Where(p)}) returned {f.Describe(old)}; flush_tlb_page"));
                    call = new ResolvedCall(p, 1, spec.Cydp, spec.Full, entry, false, spec.Variant);
                    return true;
                }

            default:
                {
                    if (!CallResolver.TryRange(w, spec, Shape == CallShape.Single, out var start, out var nr, out _))
                    {
                        return false;
                    }

                    var entry = MakeEntry(w, start, spec.Variant, out var dirty);
                    call = new ResolvedCall(start, nr, spec.Cydp, spec.Full, entry, dirty, spec.Variant);
                    return PrepareRange(w, ref call, log);
                }
        }
    }

    /// <summary>True when the helper changes entries, so it has a <c>…/race</c> property.</summary>
    public virtual bool ModifiesEntries => true;

    /// <summary>
    /// Brings a resolved range into the state the helper expects before the "before" view is taken (e.g. the
    /// entries cleared by modify_prot_start_ptes() for the commit, or non-present entries); false discards the case.
    /// Default: nothing.
    /// </summary>
    protected virtual bool PrepareRange(ContractWorld w, ref ResolvedCall call, List<string>? log) => true;

    /// <summary>The entry argument for helpers that take one (ptep_set_access_flags); default none.</summary>
    protected virtual Pte MakeEntry(ContractWorld w, int index, int variant, out bool dirty)
    {
        dirty = false;
        return Pte.None;
    }

    /// <summary><c>name(pte[i] va 0x…, nr=…)</c>.</summary>
    protected static string Range(ContractWorld w, in ResolvedCall c) =>
        string.Create(CultureInfo.InvariantCulture, $"{w.Where(c.Start)}, nr={c.Nr}");
}
