using BenchmarkDotNet.Attributes;
using WinsockConformance.Model;

using WinsockConformance.Traces;

namespace WinsockConformance.ModelBench;

/// <summary>
/// The model-step goal (≥ 5 million steps per second on one core): folding WinsockModel.Step over the
/// 10,000-step walk, validation included, as the checker and generators call it. One invocation is
/// the whole walk, so BenchmarkDotNet's mean is per step.
/// </summary>
[MemoryDiagnoser]
public class ModelStepBenchmarks
{
    private Input[] _inputs = [];
    private ModelState _initial = null!;

    [Params("windows", "wine-8", "documented")]
    public string Profile { get; set; } = "windows";

    [GlobalSetup]
    public void Setup()
    {
        var profile = BenchData.Profile(Profile);
        _inputs = [.. BenchData.Scenario(profile)];
        _initial = ModelState.Initial(profile);
    }

    [Benchmark(OperationsPerInvoke = BenchData.ScenarioSteps)]
    public ModelState ModelStep()
    {
        var state = _initial;
        foreach (var input in _inputs)
        {
            state = WinsockModel.Step(state, input).State;
        }

        return state;
    }
}
