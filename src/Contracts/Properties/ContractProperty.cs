using ArchPgtable.Contracts.Running;
using ArchPgtable.Plugins;

namespace ArchPgtable.Contracts.Properties;

/// <summary>
/// One property of the contract suite: a name (<c>helper/aspect</c>), the helper it is about, and
/// what it states. Run it through <see cref="ContractSuite"/>.
/// </summary>
public abstract class ContractProperty
{
    private protected ContractProperty(string helper, string aspect, string description)
    {
        Helper = helper;
        Name = helper + "/" + aspect;
        Description = description;
    }

    /// <summary>The property's name, e.g. <c>clear_young_dirty_ptes/contract</c>.</summary>
    public string Name { get; }

    /// <summary>The kernel name of the helper (or <c>pte_format</c>, <c>arch</c>) it is about.</summary>
    public string Helper { get; }

    /// <summary>What it states, in one paragraph.</summary>
    public string Description { get; }

    /// <summary>Runs the property against <paramref name="arch"/>.</summary>
    internal abstract PropertyResult Run(ArchInstance arch, ContractOptions options);

    /// <summary>
    /// False when the result does not depend on <see cref="ContractOptions.Machine"/> (the property ignores it), so a run
    /// over several machines of one build may check it once and reuse the result.
    /// </summary>
    public virtual bool DependsOnMachine => true;

    /// <summary>Why the property does not apply to <paramref name="arch"/>, or null.</summary>
    internal virtual string? SkipReason(ArchInstance arch, ContractOptions options) => null;

    /// <summary>The name.</summary>
    public override string ToString() => Name;
}
