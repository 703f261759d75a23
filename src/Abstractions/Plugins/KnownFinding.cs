namespace ArchPgtable.Plugins;

/// <summary>
/// A contract property a build is known to violate because it models upstream Linux faithfully
/// and upstream has the flaw: the contract suite still runs the property and reports the
/// counterexample, but as an expected failure (XFAIL) rather than a failure, unless a strict run
/// asks otherwise. Declare one only for behaviour that is upstream's, never to hide a plugin bug.
/// </summary>
/// <param name="Property">The contract property's name, e.g. <c>ptep_set_access_flags/race</c>.</param>
/// <param name="Reason">Why upstream violates it and when it is reachable, in a sentence or two.</param>
/// <param name="Reference">Where upstream does it (file and function), for the report.</param>
/// <remarks>Kernel: none (kselftest's XFAIL result, for a behaviour known and not yet fixed upstream)</remarks>
public sealed record KnownFinding(string Property, string Reason, string Reference);
