using WinsockConformance.Samples;

// One assembly, one program per sample: the first argument names the sample, the second the variant.
//   ./conformance simulate --peer samples/peers/send-100-then-close.jsonl -- samples/.../WinsockConformance.Samples.dll data-loss buggy
return SampleCatalog.Run(args);
