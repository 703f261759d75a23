using System.Globalization;
using ArchPgtable.Hardware;

namespace ArchPgtable.Mm;

/// <summary>
/// An access that did not complete within the fault bound: the fault handler returned, the agent walked again and
/// faulted again. Recorded instead of throwing or hanging; a run with one fails like data loss.
/// </summary>
/// <param name="Agent">The agent that kept faulting.</param>
/// <param name="MmId">The address space.</param>
/// <param name="Access">Read or write.</param>
/// <param name="Address">The virtual address.</param>
/// <param name="Faults">Faults taken before giving up.</param>
/// <param name="LastFault">The fault the agent raised last.</param>
/// <param name="BlockEntries">The raw descriptors of the block around the address (one entry for a page), described.</param>
/// <param name="HandlerCalls">The fault handler's helper calls of the last faults with their return values.</param>
/// <remarks>Kernel: none; a task (or a device's page request) spinning in the fault path, the symptom of a
/// ptep_set_access_flags() that leaves the entry the walker evaluates unchanged.</remarks>
public sealed record FaultLivelock(
    string Agent,
    int MmId,
    MemoryAccess Access,
    ulong Address,
    int Faults,
    MmuFaultKind LastFault,
    IReadOnlyList<string> BlockEntries,
    IReadOnlyList<string> HandlerCalls)
{
    /// <summary>One readable paragraph.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"fault livelock: {Agent} {Access.ToString().ToLowerInvariant()} of 0x{Address:x} (mm {MmId}) faulted {Faults} times, last a {LastFault} fault; "
        + $"raw entries: [{string.Join(", ", BlockEntries)}]; handler calls: {string.Join("; ", HandlerCalls)}");
}
