namespace System.Runtime.CompilerServices;

// Records need this type, which netstandard2.0 (the target Roslyn loads generators from) lacks.
internal static class IsExternalInit;
