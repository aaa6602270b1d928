using System.Reflection;
using System.Runtime.Loader;
using WinsockConformance.Simulation.Scheduling;

namespace WinsockConformance.Simulation.Running;

/// <summary>The program cannot be started: no such file, not a .NET assembly, no usable Main. Exit code 3.</summary>
public sealed class ProgramLoadException(string message) : Exception(message);

/// <summary>
/// A .NET program (a .dll with a Main) run in this process: loaded into its own collectible AssemblyLoadContext for
/// every run, so its static state starts fresh like a new process, while the Simulation and Model assemblies are
/// shared with the harness (its Winsock calls reach the harness's stack). Main runs on a thread of its own, bound to
/// that run's stack.
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

    public ManagedProgram(string path, IReadOnlyList<string> arguments)
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
            _ = EntryPoint(Load(context));
        }
        finally
        {
            context.Unload();
        }
    }

    public string Display { get; }

    public RunOutcome Run(RunSettings settings, Choices choices)
    {
        var run = new SimulationRun(settings, choices);
        var context = new ProgramLoadContext(_path);
        RunOutcome? outcome = null;
        Exception? crash = null;
        var thread = new Thread(() =>
        {
            try
            {
                var main = EntryPoint(Load(context));
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

        context.Unload();
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
