using Microsoft.Extensions.Options;

namespace ExpansionScoring.Samples.AspNetCore;

/// <summary>Stops the host at start-up with every out-of-range <see cref="ScoringServiceOptions"/> value named.</summary>
internal sealed class ScoringServiceOptionsValidator : IValidateOptions<ScoringServiceOptions>
{
    public ValidateOptionsResult Validate(string? name, ScoringServiceOptions options)
    {
        var problems = options.Validate();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
