/**
 * ONNX export and import of {@link io.nn4j.api.nn.Sequential} models:
 * {@link io.nn4j.onnx.OnnxModels#export} writes a model that serving stacks run (ONNX Runtime,
 * TensorRT, OpenVINO, browsers), {@link io.nn4j.onnx.OnnxModels#load} reads an MLP exported by
 * PyTorch into a model that predicts and trains on any backend. ONNX's protobuf messages are
 * read and written with protobuf-java's coded streams and the specification's field numbers.
 * Bad files are {@link io.nn4j.onnx.OnnxFormatException}s naming the file; graphs nn4j cannot
 * express are {@link io.nn4j.onnx.UnsupportedOnnxModelException}s naming the node and its
 * operator.
 */
package io.nn4j.onnx;
