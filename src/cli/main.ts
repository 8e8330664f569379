process.stdout.write('stack-standard\n');
