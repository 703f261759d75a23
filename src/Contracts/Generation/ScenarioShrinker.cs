namespace ArchPgtable.Contracts.Generation;

/// <summary>
/// Shrink candidates for a <see cref="Scenario"/>, simplest first: drop an event, drop a folio,
/// then move each field of each folio, event and of the call towards zero. A state made smaller is
/// also tried with a range straddling the first block boundary (the relative picks move the range
/// when the state shrinks). Every candidate removes something or strictly lowers a folio, event or
/// call field (in that order of precedence), so shrinking terminates.
/// </summary>
internal static class ScenarioShrinker
{
    /// <summary>The candidates for <paramref name="s"/> on a geometry with <paramref name="contPtes"/>-entry blocks.</summary>
    public static IEnumerable<Scenario> Candidates(Scenario s, int contPtes)
    {
        foreach (var smaller in Structural(s))
        {
            yield return smaller;

            // A smaller state moves the range (its picks are relative); also try the range that
            // straddles the first block boundary, where contiguous-block bugs live.
            foreach (var call in Straddling(smaller.Call, contPtes))
            {
                yield return smaller with { Call = call };
            }
        }

        foreach (var c in Smaller(s.Call))
        {
            yield return s with { Call = c };
        }

        for (var i = 0; i < s.Events.Count; i++)
        {
            foreach (var e in Smaller(s.Events[i]))
            {
                yield return s with { Events = With(s.Events, i, e) };
            }
        }
    }

    private static IEnumerable<Scenario> Structural(Scenario s)
    {
        for (var i = 0; i < s.Events.Count; i++)
        {
            yield return s with { Events = Without(s.Events, i) };
        }

        for (var i = 0; i < s.Folios.Count && s.Folios.Count > 1; i++)
        {
            yield return s with { Folios = Without(s.Folios, i) };
        }

        for (var i = 0; i < s.Folios.Count; i++)
        {
            foreach (var f in Smaller(s.Folios[i]))
            {
                yield return s with { Folios = With(s.Folios, i, f) };
            }
        }
    }

    private static IEnumerable<CallSpec> Straddling(CallSpec c, int contPtes)
    {
        var start = Math.Max(contPtes - 1, 0);
        foreach (var len in new[] { 1, Math.Max(contPtes / 2, 1) })
        {
            if (c.StartPick != start || c.LenPick != len)
            {
                yield return c with { StartPick = start, LenPick = len };
            }
        }
    }

    private static IEnumerable<FolioSpec> Smaller(FolioSpec f)
    {
        if (f.Order > 0)
        {
            // Keep the lower half (the split stays if it lies there) or the upper half (the split moves down with it).
            var half = f.Pages / 2;
            yield return f with { Order = f.Order - 1, Split = f.SplitAt >= half ? 0 : f.SplitAt };
            if (f.SplitAt > half)
            {
                yield return f with { Order = f.Order - 1, Split = f.SplitAt - half };
            }
        }

        if (f.SplitAt != 0)
        {
            yield return f with { Split = 0, Hole = false };
        }

        if (f.Hole)
        {
            yield return f with { Hole = false };
        }

        if (f.Gap > 0)
        {
            yield return f with { Gap = 0 };
        }

        if (f.Unaligned)
        {
            yield return f with { Unaligned = false };
        }

        if (f.Prot != ProtKind.Writable)
        {
            yield return f with { Prot = ProtKind.Writable };
        }

        if (f.Young)
        {
            yield return f with { Young = false };
        }

        if (f.Dirty)
        {
            yield return f with { Dirty = false };
        }

        if (f.SplitAt > 1)
        {
            yield return f with { Split = f.SplitAt / 2 };
            yield return f with { Split = f.SplitAt - 1 };
        }
    }

    private static IEnumerable<CallSpec> Smaller(CallSpec c)
    {
        foreach (var v in Towards(c.LenPick))
        {
            yield return c with { LenPick = v };
        }

        foreach (var v in Towards(c.StartPick))
        {
            yield return c with { StartPick = v };
        }

        foreach (var v in Towards(c.RunPick))
        {
            yield return c with { RunPick = v };
        }

        if (c.Flags > 1)
        {
            yield return c with { Flags = 1 };
            yield return c with { Flags = c.Flags - 1 };
        }

        if (c.Full)
        {
            yield return c with { Full = false };
        }

        foreach (var v in Towards(c.Variant))
        {
            yield return c with { Variant = v };
        }

        foreach (var v in Towards(c.RaceTarget))
        {
            yield return c with { RaceTarget = v };
        }

        foreach (var v in Towards(c.RaceLanding))
        {
            yield return c with { RaceLanding = v };
        }

        if (c.RaceSeed != 0)
        {
            yield return c with { RaceSeed = 0 };
        }
    }

    private static IEnumerable<SetupEvent> Smaller(SetupEvent e)
    {
        if (e.Kind != SetupEventKind.Read)
        {
            yield return e with { Kind = SetupEventKind.Read };
        }

        foreach (var v in Towards(e.Pick))
        {
            yield return e with { Pick = v };
        }

        foreach (var v in Towards(e.Landing))
        {
            yield return e with { Landing = v };
        }
    }

    /// <summary>0, half, one less: each strictly smaller than <paramref name="v"/>.</summary>
    private static IEnumerable<int> Towards(int v)
    {
        if (v <= 0)
        {
            yield break;
        }

        yield return 0;
        if (v / 2 > 0)
        {
            yield return v / 2;
        }

        if (v - 1 > v / 2)
        {
            yield return v - 1;
        }
    }

    private static T[] Without<T>(IReadOnlyList<T> list, int index)
    {
        var result = new T[list.Count - 1];
        for (int i = 0, k = 0; i < list.Count; i++)
        {
            if (i != index)
            {
                result[k++] = list[i];
            }
        }

        return result;
    }

    private static T[] With<T>(IReadOnlyList<T> list, int index, T value)
    {
        var result = new T[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            result[i] = i == index ? value : list[i];
        }

        return result;
    }
}
