namespace ExpansionScoring.Reporting;

/// <summary>One step of the letter scale: a letter and the lowest score (inclusive) that earns it.</summary>
public sealed class LetterGradeOptions
{
    /// <summary>Gets or sets the letter, such as <c>"A+"</c>. <value>The default value is empty.</value></summary>
    public string Letter { get; set; } = string.Empty;

    /// <summary>Gets or sets the lowest score, 0..100, that earns <see cref="Letter"/>. <value>The default value is 0.</value></summary>
    public double MinScore { get; set; }
}
