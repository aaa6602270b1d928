using System.Reflection;
using System.Runtime.Loader;
using WinsockConformance.Simulation.Scheduling;

namespace WinsockConformance.Simulation.Running;

/// <summary>How a managed program is loaded for its runs.</summary>
public enum ProgramLoading
{
    /// <summary>Shared when the program declares no mutable static fields, else fresh.</summary>
    Auto,

    /// <summary>Loaded once; every run starts Main again in that load (its static fields carry over).</summary>
    Shared,

    /// <summary>Loaded into a new context for every run, like a new process (tens of milliseconds a run).</summary>
    Fresh,
}

/// <summary>The program cannot be started: no such file, not a .NET assembly, no usable Main. Exit code 3.</summary>
public sealed class ProgramLoadException(string message) : Exception(message);

/// <summary>
/// A .NET program (a .dll with a Main) run in this process, in a collectible AssemblyLoadContext of its own whose
/// Simulation and Model assemblies are the harness's (so its Winsock calls reach the harness's stack). Main runs on a
/// thread of its own, bound to that run's stack. A new load per run costs tens of milliseconds (the program is
/// compiled again), so by default the program is loaded once and Main started again for each run; a program with
/// mutable static fields (state that would carry over from one schedule to the next) gets a new load per run
/// (<see cref="ProgramLoading"/>).
/// </summary>
public sealed class ManagedProgram : IProgramUnderTest
{
    /// <summary>How long one run may take on the clock before the program counts as stuck outside the API (it never calls in again).</summary>
    public static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(60);

    private static readonly HashSet<string> s_shared = new(StringComparer.Ordinal)
    {
        typeof(ManagedProgram).Assembly.GetName().Name!,
        typeof(Model.WinsockModel).Assembly.GetName().Name!,
    };

    private readonly string _path;
    private readonly string[] _arguments;
    private readonly byte[] _image;
    private readonly byte[]? _symbols;

    /// <summary>
    /// A .NET program (its .dll) run with <paramref name="arguments"/>. It is loaded once now, so a bad file is reported
    /// before any run; <paramref name="loading"/> chooses whether runs share one load or each loads it afresh.
    /// </summary>
    /// <exception cref="ProgramLoadException">No such file, or not a .NET program with an entry point.</exception>
    public ManagedProgram(string path, IReadOnlyList<string> arguments, ProgramLoading loading = ProgramLoading.Auto)
    {
        ArgumentNullException.ThrowIfNull(path);
        _path = Path.GetFullPath(path);
        _arguments = [.. arguments];
        if (!File.Exists(_path))
        {
            throw new ProgramLoadException($"{path}: no such file (give the program's .dll, built for .NET)");
        }

        _image = File.ReadAllBytes(_path);
        var pdb = Path.ChangeExtension(_path, ".pdb");
        _symbols = File.Exists(pdb) ? File.ReadAllBytes(pdb) : null;
        Display = string.Join(' ', new[] { path }.Concat(arguments));

        // Load once now, so a bad file is reported before any run.
        var context = new ProgramLoadContext(_path);
        try
        {
            var assembly = Load(context);
            _ = EntryPoint(assembly);
            MutableStatics = FindMutableStatics(assembly);
        }
        finally
        {
            context.Unload();
        }

        Shared = loading == ProgramLoading.Shared || (loading == ProgramLoading.Auto && MutableStatics.Count == 0);
        ProgramConsole.Install();
    }

    /// <summary>How reports name it: the path and the arguments.</summary>
    public string Display { get; }

    /// <summary>Whether every run shares one load of the program.</summary>
    public bool Shared { get; }

    /// <summary>The program's static fields that are neither const nor readonly ("Type.field"): state a shared load would carry over.</summary>
    public IReadOnlyList<string> MutableStatics { get; } = [];

    /// <summary>One sentence on how the program is loaded, for reports.</summary>
    public string Loading => Shared
        ? MutableStatics.Count == 0 ? "loaded once for all runs (it has no mutable static fields)" : $"loaded once for all runs: its mutable static fields carry over ({string.Join(", ", MutableStatics.Take(5))})"
        : $"loaded afresh for every run (slower): it has mutable static fields ({string.Join(", ", MutableStatics.Take(5))})";

    private static List<string> FindMutableStatics(Assembly assembly)
    {
        const BindingFlags flags = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        Type?[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            types = e.Types;
        }

        return [.. types.OfType<Type>()
            .Where(t => !t.Name.Contains('<', StringComparison.Ordinal))
            .SelectMany(t => t.GetFields(flags).Where(f => !f.IsLiteral && !f.IsInitOnly && !f.Name.Contains('<', StringComparison.Ordinal)).Select(f => $"{t.Name}.{f.Name}"))
            .Order(StringComparer.Ordinal)];
    }

    private (ProgramLoadContext Context, MethodInfo Main)? _loaded;

    RunOutcome IProgramUnderTest.Run(RunSettings settings, Choices choices)
    {
        var run = new SimulationRun(settings, choices);
        ProgramLoadContext context;
        MethodInfo? shared = null;
        if (Shared)
        {
            if (_loaded is null)
            {
                var c = new ProgramLoadContext(_path);
                _loaded = (c, EntryPoint(Load(c)));
            }

            (context, shared) = _loaded.Value;
        }
        else
        {
            context = new ProgramLoadContext(_path);
        }

        RunOutcome? outcome = null;
        Exception? crash = null;
        var thread = new Thread(() =>
        {
            try
            {
                var main = shared ?? EntryPoint(Load(context));
                outcome = run.Execute(() => Invoke(main));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                crash = e;
            }
        }, maxStackSize: 16 * 1024 * 1024)
        {
            IsBackground = true,
            Name = "simulated program",
        };
        thread.Start();
        if (!thread.Join(Watchdog))
        {
            throw new ProgramLoadException($"{Display}: a run took longer than {Watchdog.TotalSeconds:0} s without returning to the simulated API (a loop that makes no calls?)");
        }

        if (!Shared)
        {
            context.Unload();
        }

        if (crash is not null)
        {
            throw new ProgramLoadException($"{Display}: {crash.GetType().Name}: {crash.Message}");
        }

        return outcome!;
    }

    private Assembly Load(ProgramLoadContext context)
    {
        try
        {
            using var image = new MemoryStream(_image, writable: false);
            using var symbols = _symbols is null ? null : new MemoryStream(_symbols, writable: false);
            return context.LoadFromStream(image, symbols);
        }
        catch (BadImageFormatException)
        {
            throw new ProgramLoadException($"{_path}: not a .NET assembly (native programs come with the ws2_32 shim, a later issue)");
        }
    }

    private static MethodInfo EntryPoint(Assembly assembly)
    {
        var main = assembly.EntryPoint ?? throw new ProgramLoadException($"{assembly.GetName().Name}: no Main (build it as a program, OutputType Exe)");
        if (main.ReturnType != typeof(int) && main.ReturnType != typeof(void))
        {
            throw new ProgramLoadException($"{assembly.GetName().Name}: Main returns {main.ReturnType.Name}; an async Main is not supported (the simulated API is bound to one thread)");
        }

        return main;
    }

    private int Invoke(MethodInfo main)
    {
        object?[]? parameters = main.GetParameters().Length == 0 ? null : [_arguments];
        try
        {
            var result = main.Invoke(null, parameters);
            return result is int code ? code : 0;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    /// <summary>The program's own context: its assembly and dependencies from its folder, the simulator's from the harness.</summary>
    private sealed class ProgramLoadContext(string path) : AssemblyLoadContext($"program {Path.GetFileName(path)}", isCollectible: true)
    {
        private readonly AssemblyDependencyResolver _resolver = new(path);

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            if (s_shared.Contains(assemblyName.Name!))
            {
                return null;
            }

            var file = _resolver.ResolveAssemblyToPath(assemblyName);
            return file is null ? null : LoadFromAssemblyPath(file);
        }
    }
}
