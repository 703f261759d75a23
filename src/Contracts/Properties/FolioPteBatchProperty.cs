using System.Globalization;
using ArchPgtable.Contracts.Running;
using ArchPgtable.Contracts.World;
using ArchPgtable.Mm.Operations;
using ArchPgtable.Plugins;
using CsCheck;

namespace ArchPgtable.Contracts.Properties;

/// <summary>
/// <c>folio_pte_batch/flags</c>: <c>folio_pte_batch_flags()</c> on the arch's helpers. A folio is mapped with
/// <c>set_ptes()</c> (contiguous blocks where the arch makes them), some entries are then changed through the helpers
/// (write-protect, age, dirty, clean, soft-dirty, clear), and a batch is taken from any page of the folio with any
/// max_nr and any FPB_* flags. The result must be the oracle's: the longest run of entries that are present, map the
/// next pages, have the same attributes and, where the flag respects it, the same write / dirty / soft-dirty as the
/// first — never past max_nr, the folio's end or the table's end (a folio ending at the table's last entry is one of
/// the cases). With FPB_MERGE_WRITE / FPB_MERGE_YOUNG_DIRTY the first entry's copy gains write / young / dirty exactly
/// when an entry of the batch has it; without them it is unchanged. "Attributes" are every PTE bit <c>ptep_get()</c>
/// reports, the arch's private ones included: on arm64 PTE_CONT is such a bit, so a batch ends where a contiguous block
/// meets non-contiguous entries of the same folio, as the kernel's pte_same() comparison does.
/// </summary>
/// <param name="batch">The folio_pte_batch_flags() under test: <see cref="FolioPteBatch.BatchFlags"/> unless a test passes a known-bad one.</param>
internal sealed class FolioPteBatchProperty(FolioPteBatchFlagsFn? batch = null) : ContractProperty("folio_pte_batch", "flags",
    "folio_pte_batch_flags() returns the longest run of present entries mapping the next pages of the folio with the same attributes and, "
    + "as FPB_RESPECT_WRITE/DIRTY/SOFT_DIRTY say, the same write/dirty/soft-dirty; never past max_nr, the folio end or the table end; "
    + "FPB_MERGE_WRITE/FPB_MERGE_YOUNG_DIRTY merge exactly the batch's write/young/dirty into the first entry's copy")
{
    private const ulong FolioPfn = 0x40000;

    internal override PropertyResult Run(ArchInstance arch, ContractOptions options)
    {
        var world = new ContractWorld(arch);
        var gen = Gen.Select(Gen.Int[1, 5], Gen.Bool, Gen.Int[0, 31], Gen.Int[0, 1 << 10], Gen.Int[0, 31], Gen.Int[0, 255].Array[0, 8],
            (order, atEnd, start, max, flags, muts) => new FolioPteBatchCase(order, atEnd, start, max, flags, muts));
        var fn = batch ?? FolioPteBatch.BatchFlags;
        return SampleRunner.Run(this, gen, (c, r) => Test(world, fn, c, r), Candidates, options);
    }

    private static CaseOutcome Test(ContractWorld w, FolioPteBatchFlagsFn batchFlags, FolioPteBatchCase c, CaseReport? report)
    {
        var f = w.Format;
        var ops = w.Ops;
        var n = 1 << c.Order;
        var table = w.Table.Count;
        var first = c.AtTableEnd ? table - n : n;
        w.Reset();
        w.Cover(first, first + n);
        var pte = f.MkYoung(f.MkWrite(f.PfnPte(FolioPfn, f.ProtFor(VmFlags.Read | VmFlags.Write))));
        ops.SetPtes(w.Mm, w.Addr(first), w.P(first), pte, n);
        foreach (var m in c.Mutations)
        {
            var i = first + ((m >> 3) % n);
            var cur = ops.PtepGet(w.P(i));
            if (!f.Present(cur))
            {
                continue;
            }

            var a = w.Addr(i);
            switch ((m & 7) % FolioPteBatchCase.OpNames.Length)
            {
                case 0: ops.PtepSetWrprotect(w.Mm, a, w.P(i)); break;
                case 1: ops.PtepTestAndClearYoung(w.Mm, a, w.P(i)); break;
                case 2: ops.PtepSetAccessFlags(w.Mm, a, w.P(i), f.MkDirty(f.MkYoung(cur)), true); break;
                case 3:
                    var old = ops.PtepModifyProtStart(w.Mm, a, w.P(i));
                    ops.PtepModifyProtCommit(w.Mm, a, w.P(i), old, f.SoftDirty(old) ? f.ClearSoftDirty(old) : f.MkSoftDirty(old));
                    break;
                case 4: ops.PtepGetAndClear(w.Mm, a, w.P(i)); break;
                default: ops.ClearYoungDirtyPtes(w.Mm, a, w.P(i), 1, CydpFlags.Dirty); break;
            }
        }

        var s = first + (c.StartOffset % n);
        var ptent = ops.PtepGet(w.P(s));
        if (!f.Present(ptent))
        {
            return CaseOutcome.Discard;
        }

        var flags = (FpbFlags)c.Flags;
        var maxNr = 1 + (c.MaxPick % (table - s));
        var folio = new FolioExtent(FolioPfn, n);
        var expectedNr = Oracle(w, s, ptent, maxNr, folio, flags, out var expectedPtent);
        var copy = ptent;
        int got;
        try
        {
            got = batchFlags(ops, folio, w.P(s), ref copy, maxNr, flags);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            return Report(w, c, report, s, maxNr, [$"folio_pte_batch_flags threw {ex.GetType().Name}: {ex.Message}"]);
        }

        var violations = new List<string>();
        if (got != expectedNr)
        {
            violations.Add(string.Create(CultureInfo.InvariantCulture, $"returned {got}, the oracle says {expectedNr}"));
        }

        if (got > maxNr || s + got > table || f.Pfn(ptent) + (ulong)got > folio.EndPfn)
        {
            violations.Add(string.Create(CultureInfo.InvariantCulture, $"the batch of {got} crosses max_nr={maxNr}, the table end or the folio end"));
        }

        if (copy != expectedPtent)
        {
            violations.Add($"the first entry's copy became {f.Describe(copy)}, the oracle says {f.Describe(expectedPtent)}");
        }

        return violations.Count == 0 ? CaseOutcome.Pass : Report(w, c, report, s, maxNr, violations);
    }

    /// <summary>The batch by definition, entry by entry on the ptep_get() views, with no batch hint.</summary>
    private static int Oracle(ContractWorld w, int s, Pte firstPte, int maxNr, FolioExtent folio, FpbFlags flags, out Pte merged)
    {
        var f = w.Format;
        var v0 = PteView.Of(f, firstPte, w.PrivateBits);
        var attr0 = PteView.Of(f, f.ClearSoftDirty(firstPte), 0).Attr;
        var limit = (int)Math.Min((ulong)maxNr, folio.EndPfn - v0.Pfn);
        bool write = false, young = false, dirty = false;
        var nr = 1;
        for (; nr < limit; nr++)
        {
            var p = w.Ops.PtepGet(w.P(s + nr));
            var v = PteView.Of(f, p, w.PrivateBits);
            var same = v.Present && v.Pfn == v0.Pfn + (ulong)nr
                && PteView.Of(f, f.ClearSoftDirty(p), 0).Attr == attr0
                && ((flags & FpbFlags.RespectWrite) == 0 || v.Write == v0.Write)
                && ((flags & FpbFlags.RespectDirty) == 0 || v.Dirty == v0.Dirty)
                && ((flags & FpbFlags.RespectSoftDirty) == 0 || f.SoftDirty(p) == f.SoftDirty(firstPte));
            if (!same)
            {
                break;
            }

            write |= v.Write;
            young |= v.Young;
            dirty |= v.Dirty;
        }

        merged = firstPte;
        if ((flags & FpbFlags.MergeWrite) != 0 && write)
        {
            merged = f.MkWrite(merged);
        }

        if ((flags & FpbFlags.MergeYoungDirty) != 0)
        {
            merged = young ? f.MkYoung(merged) : merged;
            merged = dirty ? f.MkDirty(merged) : merged;
        }

        return nr;
    }

    private static CaseOutcome Report(ContractWorld w, FolioPteBatchCase c, CaseReport? report, int s, int maxNr, List<string> violations)
    {
        if (report is not null)
        {
            report.Call = string.Create(CultureInfo.InvariantCulture, $"folio_pte_batch_flags({w.Where(s)}, max_nr={maxNr}, flags={(FpbFlags)c.Flags}) on {c}");
            for (var i = w.RegionStart; i < w.RegionEnd; i++)
            {
                report.Entries.Add($"{w.Where(i)}: {w.Describe(i)} (ptep_get {w.View(i).Short()}{(w.Format.SoftDirty(w.Ops.PtepGet(w.P(i))) ? " soft-dirty" : "")})");
            }

            report.Violations.AddRange(violations);
        }

        return CaseOutcome.Fail;
    }

    private static IEnumerable<FolioPteBatchCase> Candidates(FolioPteBatchCase c)
    {
        for (var i = 0; i < c.Mutations.Count; i++)
        {
            yield return c with { Mutations = [.. c.Mutations.Take(i), .. c.Mutations.Skip(i + 1)] };
        }

        for (var bit = 1; bit <= 16; bit <<= 1)
        {
            if ((c.Flags & bit) != 0)
            {
                yield return c with { Flags = c.Flags & ~bit };
            }
        }

        if (c.Order > 1)
        {
            yield return c with { Order = c.Order - 1 };
        }

        if (c.MaxPick > 0)
        {
            yield return c with { MaxPick = c.MaxPick / 2 };
        }

        if (c.StartOffset > 0)
        {
            yield return c with { StartOffset = 0 };
        }
    }
}

/// <summary>The shape of <c>folio_pte_batch_flags()</c> (<see cref="FolioPteBatch.BatchFlags"/>).</summary>
internal delegate int FolioPteBatchFlagsFn(IPageTableOps ops, FolioExtent folio, PtePointer ptep, ref Pte ptent, int maxNr, FpbFlags flags);
