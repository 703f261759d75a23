namespace ArchPgtable.Native.Extraction;

/// <summary>What a <see cref="CDefinition"/> defines.</summary>
public enum CDefinitionKind
{
    /// <summary>A function with a body (static inline or not).</summary>
    Function,

    /// <summary>A <c>#define</c>, object-like or function-like, with its continuation lines.</summary>
    Macro,
}

/// <summary>One top-level definition found in a C file, with the preprocessor conditions it sits under.</summary>
/// <param name="Name">The function or macro name.</param>
/// <param name="Kind">Function or macro.</param>
/// <param name="File">The tree-relative path of the file.</param>
/// <param name="Line">The 1-based line of its first token.</param>
/// <param name="Text">Its full text, from the first token (the <c>#</c> for a macro) to the closing brace or the last continuation line.</param>
/// <param name="Prototype">For a function, its header followed by <c>;</c>; null for a macro.</param>
/// <param name="Conditions">The enclosing <c>#if</c> conditions, each as a C preprocessor expression that must hold.</param>
public sealed record CDefinition(
    string Name, CDefinitionKind Kind, string File, int Line, string Text, string? Prototype, IReadOnlyList<string> Conditions);
