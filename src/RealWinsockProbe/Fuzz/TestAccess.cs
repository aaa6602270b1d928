using System.Runtime.CompilerServices;

// The fuzz pipeline's tests (tests/Properties: FuzzPipelineTests) drive FuzzRun with stand-in stacks.
[assembly: InternalsVisibleTo("WinsockConformance.Properties")]
