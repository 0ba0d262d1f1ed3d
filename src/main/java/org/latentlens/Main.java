package org.latentlens;
public class Main { public static void main(String[] a) { 
  long t=System.nanoTime();
  System.out.println(org.latentlens.tensorflow.TensorFlowRuntime.ensureStarted() + " " + (System.nanoTime()-t)/1e9); } }
