namespace ArchPgtable.Machines;

/// <summary>
/// The hardware a kernel runs on: which agents walk the page tables and what each can do. Separate from the
/// kernel configuration, which says what the kernel lets them do.
/// </summary>
/// <param name="Name">The preset name, or the file it was read from.</param>
/// <param name="Description">One line for humans.</param>
/// <param name="Agents">The agents; the first CPU is the default agent of the single-agent API.</param>
/// <remarks>Kernel: none; the system the kernel boots on (cpufeature, the IOMMU drivers' probe).</remarks>
public sealed record MachineDescription(string Name, string Description, IReadOnlyList<AgentSpec> Agents)
{
    /// <summary>BBML2_NOABORT counts only when every agent has it.</summary>
    /// <remarks>Kernel: system_supports_bbml2_noabort()</remarks>
    public bool Bbml2NoAbort => Agents.Count > 0 && Agents.All(a => a.Bbml2NoAbort);

    /// <summary>The CPUs.</summary>
    public IEnumerable<AgentSpec> Cpus => Agents.Where(a => a.Kind == AgentKind.Cpu);

    /// <summary>The device walkers.</summary>
    public IEnumerable<AgentSpec> Devices => Agents.Where(a => a.IsDevice);

    /// <summary>A machine of <paramref name="count"/> identical CPUs named <c>cpu0</c>…, plus <paramref name="devices"/>.</summary>
    public static MachineDescription Smp(string name, string description, int count, AgentSpec cpu, params AgentSpec[] devices)
    {
        ArgumentNullException.ThrowIfNull(cpu);
        var agents = new List<AgentSpec>();
        for (var i = 0; i < count; i++)
        {
            agents.Add(cpu with { Name = $"cpu{i}" });
        }

        agents.AddRange(devices);
        return new MachineDescription(name, description, agents);
    }
}
