namespace ExpansionScoring.Input;

/// <summary>An input that cannot be read at all (a header without a required column, a mapping to an absent column, text that is not valid in its encoding), with a message that says how to fix it.</summary>
internal sealed class InputException(string message, Exception? inner = null) : Exception(message, inner);
