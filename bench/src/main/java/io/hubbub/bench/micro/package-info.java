/** JMH micro-benchmarks of the hot paths, in the style of Netty's microbench module. */
package io.hubbub.bench.micro;
