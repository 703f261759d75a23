namespace ArchPgtable.Generic;

/// <summary>The <c>generic</c> architecture's helpers: every one the pgtable.h default.</summary>
internal sealed class GenericArchOps(IPteFormat format, ArchGeometry geometry, bool debugVm)
    : GenericPageTableOps(format, geometry, debugVm);
