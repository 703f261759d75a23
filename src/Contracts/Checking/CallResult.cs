namespace ArchPgtable.Contracts.Checking;

/// <summary>What a helper returned: a PTE, a flag or a count (whichever its signature has).</summary>
internal readonly record struct CallResult(Pte Pte, bool Flag, int Count)
{
    public static CallResult None => default;

    public static CallResult Of(Pte pte) => new(pte, false, 0);

    public static CallResult Of(bool flag) => new(default, flag, 0);

    public static CallResult Of(int count) => new(default, false, count);
}
