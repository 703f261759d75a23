namespace ArchPgtable;

/// <summary>Names the kernel helper an <see cref="IPageTableOps"/> member models, or the kernel function an implementation stands for.</summary>
/// <remarks>Kernel: the function name in include/linux/pgtable.h or arch/*/.</remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class KernelHelperAttribute(string name) : Attribute
{
    /// <summary>The kernel spelling, e.g. <c>clear_young_dirty_ptes</c> or <c>contpte_clear_young_dirty_ptes</c>.</summary>
    public string Name { get; } = name;
}
