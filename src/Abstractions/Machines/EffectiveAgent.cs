using ArchPgtable.Hardware;

namespace ArchPgtable.Machines;

/// <summary>An agent as it runs under one kernel configuration: its capabilities ANDed with what the kernel enables, and its MMU rules.</summary>
/// <param name="Spec">The agent as the machine describes it.</param>
/// <param name="HardwareAccessFlag">Hardware sets the access flag (the agent can and the kernel enables it).</param>
/// <param name="HardwareDirty">Hardware sets dirty (the agent can and the kernel enables it).</param>
/// <param name="Hardware">The MMU rules it follows.</param>
/// <param name="Note">Why an effective capability differs from the agent's, or empty.</param>
public sealed record EffectiveAgent(AgentSpec Spec, bool HardwareAccessFlag, bool HardwareDirty, IHardwareModel Hardware, string Note = "");
