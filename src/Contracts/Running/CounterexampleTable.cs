namespace ArchPgtable.Contracts.Running;

/// <summary>
/// The raw PTE words of a helper counterexample's region before and after the call, for drawing it
/// (<c>verify --render</c>): word k is entry <see cref="First"/> + k of a PTE table whose entry 0 maps
/// <see cref="TableVa"/>.
/// </summary>
/// <param name="TableVa">The virtual address mapped by entry 0 of the table.</param>
/// <param name="First">The region's first entry.</param>
/// <param name="Before">The raw words before the call.</param>
/// <param name="After">The raw words after it.</param>
/// <param name="CallStart">The first entry of the call's range.</param>
/// <param name="CallNr">The entries of the call's range.</param>
public sealed record CounterexampleTable(ulong TableVa, int First, IReadOnlyList<ulong> Before, IReadOnlyList<ulong> After, int CallStart, int CallNr);
