namespace ArchPgtable.Generic.Tests;

/// <summary>Calls a helper by its kernel name, so contract tests can be theories over helpers.</summary>
internal static class HelperCalls
{
    /// <summary>The batched helpers that take present entries (batch contract rule 5).</summary>
    public static TheoryData<string> PresentBatchHelpers => new()
    {
        "get_and_clear_full_ptes",
        "clear_full_ptes",
        "wrprotect_ptes",
        "clear_young_dirty_ptes(Young|Dirty)",
        "clear_young_dirty_ptes(Young)",
        "clear_young_dirty_ptes(Dirty)",
        "mkold_clean_ptes",
    };

    /// <summary>Every batched helper, set_ptes included.</summary>
    public static TheoryData<string> BatchHelpers
    {
        get
        {
            var data = PresentBatchHelpers;
            data.Add("set_ptes");
            return data;
        }
    }

    /// <summary>Every helper that takes an address (the batched ones with nr = 1).</summary>
    public static TheoryData<string> AddressedHelpers
    {
        get
        {
            var data = BatchHelpers;
            foreach (var name in new[]
            {
                "set_pte_at", "ptep_get_and_clear", "ptep_get_and_clear_full", "ptep_test_and_clear_young",
                "ptep_clear_flush_young", "ptep_set_wrprotect", "ptep_set_access_flags",
            })
            {
                data.Add(name);
            }

            return data;
        }
    }

    /// <summary>The name the helper's errors carry: set_pte_at is set_ptes(…, 1), as the kernel macro is.</summary>
    public static string ReportedName(string helper) => helper switch
    {
        "set_pte_at" => "set_ptes",
        _ when helper.StartsWith("clear_young_dirty_ptes", StringComparison.Ordinal) => "clear_young_dirty_ptes",
        _ => helper,
    };

    /// <summary>Calls <paramref name="helper"/>; single-entry helpers ignore <paramref name="nr"/>.</summary>
    public static void Call(IPageTableOps ops, IMmContext mm, string helper, ulong addr, PtePointer ptep, int nr)
    {
        switch (helper)
        {
            case "set_ptes": ops.SetPtes(mm, addr, ptep, new Pte(0x3000013), nr); break;
            case "get_and_clear_full_ptes": ops.GetAndClearFullPtes(mm, addr, ptep, nr, false); break;
            case "clear_full_ptes": ops.ClearFullPtes(mm, addr, ptep, nr, true); break;
            case "wrprotect_ptes": ops.WrprotectPtes(mm, addr, ptep, nr); break;
            case "clear_young_dirty_ptes(Young|Dirty)": ops.ClearYoungDirtyPtes(mm, addr, ptep, nr, CydpFlags.Young | CydpFlags.Dirty); break;
            case "clear_young_dirty_ptes(Young)": ops.ClearYoungDirtyPtes(mm, addr, ptep, nr, CydpFlags.Young); break;
            case "clear_young_dirty_ptes(Dirty)": ops.ClearYoungDirtyPtes(mm, addr, ptep, nr, CydpFlags.Dirty); break;
            case "mkold_clean_ptes": ops.MkoldCleanPtes(mm, addr, ptep, nr); break;
            case "set_pte_at": ops.SetPteAt(mm, addr, ptep, new Pte(0x3000013)); break;
            case "ptep_get_and_clear": ops.PtepGetAndClear(mm, addr, ptep); break;
            case "ptep_get_and_clear_full": ops.PtepGetAndClearFull(mm, addr, ptep, true); break;
            case "ptep_test_and_clear_young": ops.PtepTestAndClearYoung(mm, addr, ptep); break;
            case "ptep_clear_flush_young": ops.PtepClearFlushYoung(mm, addr, ptep); break;
            case "ptep_set_wrprotect": ops.PtepSetWrprotect(mm, addr, ptep); break;
            case "ptep_set_access_flags": ops.PtepSetAccessFlags(mm, addr, ptep, new Pte(0x3000013), true); break;
            default: throw new ArgumentOutOfRangeException(nameof(helper), helper, "unknown helper");
        }
    }
}
