using Microsoft.Extensions.Options;

namespace ExpansionScoring.Extensions.DependencyInjection.Internal;

/// <summary>
/// Validates each registered model's options, collecting every problem with its full configuration key
/// (for example <c>ExpansionScoring:Weights:Champion must be >= 0, was -0.2.</c>).
/// </summary>
internal sealed class ExpansionScoringOptionsValidator(ExpansionScoringRegistry registry, ScoringPluginCatalog plugins) : IValidateOptions<ExpansionScoringOptions>
{
    public ValidateOptionsResult Validate(string? name, ExpansionScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        name ??= Options.DefaultName;
        if (!registry.TryGetSection(name, out string section))
        {
            return ValidateOptionsResult.Skip;
        }

        var result = new ValidateOptionsResultBuilder();
        if (BindExpansionScoringOptions.TryGetBindingError(options, out string? bindingError))
        {
            result.AddError($"{section}: {bindingError}");
        }

        foreach (string error in options.Validate(plugins.Get(name).Scorers.Select(s => s.Key)))
        {
            result.AddError($"{section}:{error}");
        }

        return result.Build();
    }
}
