using Tma.Models.Diagnostics;
using Tma.Models.Packaging;

namespace Tma.Scoring.Tests.Kinds;

/// <summary>Kinds are plug-ins: a package of a kind no registered compiler knows is refused, never half-compiled.</summary>
public sealed class KindCompilerTests
{
    [Fact]
    public void Without_the_classifier_kind_a_classifier_package_is_refused_naming_the_package_to_add()
    {
        // The rules runtime carries no ML.NET: an application that did not add Tma.Scoring.Classifiers gets a
        // located error, never a half-compiled model. A composite with a classifier component is refused the same way.
        var classifier = ModelPackage.Load(Repository.Model("workplace-violence-classifier")).GetValueOrThrow();
        var composite = ModelPackage.Load(Repository.Model("workplace-violence-composite")).GetValueOrThrow();

        var error = Assert.Single(Assert.Throws<ModelLoadException>(() => RiskModelCompiler.Compile(classifier)).Diagnostics);
        var viaComposite = Assert.Single(Assert.Throws<ModelLoadException>(() => RiskModelCompiler.Compile(composite)).Diagnostics);

        Assert.Equal(DiagnosticCodes.KindNotInstalled, error.Code);
        Assert.Equal("model `workplace-violence-classifier` is a classifier model, and this application has no compiler for that kind; add Tma.Scoring.Classifiers (RiskModelOptions.WithClassifiers())", error.Message);
        Assert.EndsWith("model.yaml", error.Location.File, StringComparison.Ordinal);
        Assert.Equal(DiagnosticCodes.KindNotInstalled, viaComposite.Code);
    }
}
