#include "litec/frontend/Writer.h"

#include "OptionsReflection.h"
#include "litec/frontend/tflite_generated.h"
#include "litec/ir/OpOptions.h"

#include <fmt/format.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/raw_ostream.h>

#include <map>
#include <tuple>

namespace litec::frontend {

namespace {
using flatbuffers::Offset;

llvm::Error fail(const std::string &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

tflite::TensorType convertType(ir::ElementType type) {
  switch (type) {
  case ir::ElementType::F32:
    return tflite::TensorType::FLOAT32;
  case ir::ElementType::F16:
    return tflite::TensorType::FLOAT16;
  case ir::ElementType::I8:
    return tflite::TensorType::INT8;
  case ir::ElementType::U8:
    return tflite::TensorType::UINT8;
  case ir::ElementType::I16:
    return tflite::TensorType::INT16;
  case ir::ElementType::I32:
    return tflite::TensorType::INT32;
  case ir::ElementType::I64:
    return tflite::TensorType::INT64;
  case ir::ElementType::Bool:
    return tflite::TensorType::BOOL;
  }
  return tflite::TensorType::FLOAT32;
}

template <typename To, typename From> std::vector<To> convertAll(const std::vector<From> &from) {
  return std::vector<To>(from.begin(), from.end());
}

class Exporter {
public:
  explicit Exporter(const ir::Module &module) : module_(module) {
    // Buffer 0 is the empty sentinel that tensors without data refer to.
    buffers_.push_back(tflite::CreateBuffer(builder_));
  }

  llvm::Expected<std::vector<uint8_t>> run() {
    std::vector<Offset<tflite::SubGraph>> subgraphs;
    for (size_t g = 0; g < module_.graphs.size(); ++g) {
      auto subgraph = writeGraph(static_cast<unsigned>(g), *module_.graphs[g]);
      if (!subgraph)
        return subgraph.takeError();
      subgraphs.push_back(*subgraph);
    }
    std::vector<Offset<tflite::SignatureDef>> signatures;
    for (const ir::Signature &signature : module_.signatures)
      signatures.push_back(writeSignature(signature));
    std::vector<Offset<tflite::Metadata>> metadata;
    for (const ir::MetadataEntry &entry : module_.metadata) {
      uint32_t buffer = addBuffer(entry.bytes);
      metadata.push_back(
          tflite::CreateMetadata(builder_, builder_.CreateString(entry.name), buffer));
    }
    auto codes = builder_.CreateVector(codes_);
    auto subgraphVector = builder_.CreateVector(subgraphs);
    auto description = module_.description.empty() ? 0 : builder_.CreateString(module_.description);
    auto buffers = builder_.CreateVector(buffers_);
    auto model =
        tflite::CreateModel(builder_, module_.schemaVersion, codes, subgraphVector, description,
                            buffers, 0, metadata.empty() ? 0 : builder_.CreateVector(metadata),
                            signatures.empty() ? 0 : builder_.CreateVector(signatures));
    tflite::FinishModelBuffer(builder_, model);
    return std::vector<uint8_t>(builder_.GetBufferPointer(),
                                builder_.GetBufferPointer() + builder_.GetSize());
  }

private:
  uint32_t addBuffer(std::span<const uint8_t> bytes) {
    // TFLite maps constants in place and its kernels read them as wide types: 16-byte align.
    builder_.ForceVectorAlignment(bytes.size(), 1, 16);
    auto data = builder_.CreateVector(bytes.data(), bytes.size());
    buffers_.push_back(tflite::CreateBuffer(builder_, data));
    return static_cast<uint32_t>(buffers_.size() - 1);
  }

  uint32_t opcodeIndex(const ir::Op &op) {
    auto key = std::tuple(static_cast<int32_t>(op.kind), op.version, op.customCode);
    auto [it, inserted] = codeIndex_.try_emplace(key, static_cast<uint32_t>(codes_.size()));
    if (inserted) {
      int32_t code = static_cast<int32_t>(op.kind);
      int8_t legacy = static_cast<int8_t>(std::min<int32_t>(
          code, static_cast<int32_t>(tflite::BuiltinOperator::PLACEHOLDER_FOR_GREATER_OP_CODES)));
      codes_.push_back(tflite::CreateOperatorCode(
          builder_, legacy, op.customCode.empty() ? 0 : builder_.CreateString(op.customCode),
          op.version, static_cast<tflite::BuiltinOperator>(code)));
    }
    return it->second;
  }

  Offset<tflite::QuantizationParameters> writeQuantization(const ir::Quantization &q) {
    if (!q.isQuantized() && q.min.empty() && q.max.empty())
      return 0;
    auto vec = [&](const auto &v) { return v.empty() ? 0 : builder_.CreateVector(v); };
    return tflite::CreateQuantizationParameters(builder_, vec(q.min), vec(q.max), vec(q.scales),
                                                vec(q.zeroPoints),
                                                tflite::QuantizationDetails::NONE, 0, q.axis);
  }

  std::pair<tflite::SparseIndexVector, Offset<void>>
  writeIndexVector(const std::vector<int32_t> &values, uint8_t width) {
    if (width == 1)
      return {
          tflite::SparseIndexVector::Uint8Vector,
          tflite::CreateUint8Vector(builder_, builder_.CreateVector(convertAll<uint8_t>(values)))
              .Union()};
    if (width == 2)
      return {
          tflite::SparseIndexVector::Uint16Vector,
          tflite::CreateUint16Vector(builder_, builder_.CreateVector(convertAll<uint16_t>(values)))
              .Union()};
    return {tflite::SparseIndexVector::Int32Vector,
            tflite::CreateInt32Vector(builder_, builder_.CreateVector(values)).Union()};
  }

  Offset<tflite::SparsityParameters> writeSparsity(const ir::Sparsity &s) {
    std::vector<Offset<tflite::DimensionMetadata>> dims;
    for (const ir::SparseDimension &d : s.dimensions) {
      if (!d.isSparse) {
        dims.push_back(
            tflite::CreateDimensionMetadata(builder_, tflite::DimensionType::DENSE, d.denseSize));
        continue;
      }
      auto [segmentsType, segments] = writeIndexVector(d.segments, d.segmentsWidth);
      auto [indicesType, indices] = writeIndexVector(d.indices, d.indicesWidth);
      dims.push_back(tflite::CreateDimensionMetadata(builder_, tflite::DimensionType::SPARSE_CSR,
                                                     d.denseSize, segmentsType, segments,
                                                     indicesType, indices));
    }
    return tflite::CreateSparsityParameters(
        builder_, builder_.CreateVector(s.traversalOrder),
        s.blockMap.empty() ? 0 : builder_.CreateVector(s.blockMap), builder_.CreateVector(dims));
  }

  Offset<tflite::Tensor> writeTensor(const ir::Value &value) {
    uint32_t buffer = value.isConstant() ? addBuffer(value.data()) : 0;
    auto shape = builder_.CreateVector(convertAll<int32_t>(value.shape));
    auto name = builder_.CreateString(value.name);
    auto quant = writeQuantization(value.quant);
    auto sparsity = value.sparsity ? writeSparsity(*value.sparsity) : 0;
    auto signature = value.shapeSignature.empty()
                         ? 0
                         : builder_.CreateVector(convertAll<int32_t>(value.shapeSignature));
    return tflite::CreateTensor(builder_, shape, convertType(value.type), buffer, name, quant,
                                value.isVariable, sparsity, signature);
  }

  std::vector<int32_t> indices(const std::vector<ir::Value *> &values) {
    std::vector<int32_t> out;
    for (const ir::Value *value : values)
      out.push_back(value ? static_cast<int32_t>(value->id) : -1);
    return out;
  }

  llvm::Expected<Offset<tflite::Operator>> writeOp(unsigned g, const ir::Op &op) {
    const ir::OpKindInfo &info = ir::opKindInfo(op.kind);
    if (ir::isPrivateOpKind(op.kind))
      return fail(fmt::format("subgraph {} op {} ({}) is one of litec's private fused operators, "
                              "which TFLite does not run: write the model before fusion (-O0)",
                              g, op.index, info.name));
    if (op.attrs.find(ir::kExplicitPaddingAttr))
      return fail(fmt::format("subgraph {} op {} ({}) has explicit padding folded in from a PAD, "
                              "which a .tflite file cannot hold: write the model before fusion "
                              "(-O0)",
                              g, op.index, info.name));
    uint32_t opcode = opcodeIndex(op);
    auto inputs = builder_.CreateVector(indices(op.operands));
    auto outputs = builder_.CreateVector(indices(op.results));
    auto intermediates =
        op.intermediates.empty() ? 0 : builder_.CreateVector(indices(op.intermediates));
    auto customOptions = op.customOptions.empty() ? 0 : builder_.CreateVector(op.customOptions);
    Offset<void> options = 0;
    uint8_t tag = 0;
    if (!info.optionsTable.empty()) {
      auto written = writeOptions(builder_, info.optionsTable, op.attrs);
      if (!written)
        return fail(fmt::format("subgraph {}, op {} ({}): {}", g, op.index, info.name,
                                llvm::toString(written.takeError())));
      options = *written;
      tag = tagForOptionsTable(info.optionsUnion, info.optionsTable);
    }
    tflite::OperatorBuilder builder(builder_);
    builder.add_opcode_index(opcode);
    builder.add_inputs(inputs);
    builder.add_outputs(outputs);
    if (info.optionsUnion == 2) {
      builder.add_builtin_options_2_type(static_cast<tflite::BuiltinOptions2>(tag));
      builder.add_builtin_options_2(options);
    } else if (tag) {
      builder.add_builtin_options_type(static_cast<tflite::BuiltinOptions>(tag));
      builder.add_builtin_options(options);
    }
    if (!op.customOptions.empty())
      builder.add_custom_options(customOptions);
    if (!op.intermediates.empty())
      builder.add_intermediates(intermediates);
    return builder.Finish();
  }

  llvm::Expected<Offset<tflite::SubGraph>> writeGraph(unsigned g, const ir::Graph &graph) {
    std::vector<Offset<tflite::Tensor>> tensors;
    for (const auto &value : graph.values)
      tensors.push_back(writeTensor(*value));
    std::vector<Offset<tflite::Operator>> ops;
    for (const auto &op : graph.ops) {
      auto written = writeOp(g, *op);
      if (!written)
        return written.takeError();
      ops.push_back(*written);
    }
    return tflite::CreateSubGraph(
        builder_, builder_.CreateVector(tensors), builder_.CreateVector(indices(graph.inputs)),
        builder_.CreateVector(indices(graph.outputs)), builder_.CreateVector(ops),
        graph.name.empty() ? 0 : builder_.CreateString(graph.name));
  }

  Offset<tflite::SignatureDef> writeSignature(const ir::Signature &signature) {
    auto maps = [&](const std::vector<ir::SignatureTensor> &tensors) {
      std::vector<Offset<tflite::TensorMap>> out;
      for (const ir::SignatureTensor &tensor : tensors)
        out.push_back(
            tflite::CreateTensorMap(builder_, builder_.CreateString(tensor.name), tensor.valueId));
      return builder_.CreateVector(out);
    };
    auto inputs = maps(signature.inputs);
    auto outputs = maps(signature.outputs);
    return tflite::CreateSignatureDef(builder_, inputs, outputs,
                                      builder_.CreateString(signature.key), signature.graphIndex);
  }

  const ir::Module &module_;
  flatbuffers::FlatBufferBuilder builder_{1 << 16};
  std::vector<Offset<tflite::Buffer>> buffers_;
  std::vector<Offset<tflite::OperatorCode>> codes_;
  std::map<std::tuple<int32_t, int32_t, std::string>, uint32_t> codeIndex_;
};
} // namespace

llvm::Expected<std::vector<uint8_t>> writeModel(const ir::Module &module) {
  return Exporter(module).run();
}

llvm::Error writeModelFile(const ir::Module &module, llvm::StringRef path) {
  auto bytes = writeModel(module);
  if (!bytes)
    return bytes.takeError();
  std::error_code ec;
  llvm::raw_fd_ostream out(path, ec, llvm::sys::fs::OF_None);
  if (ec)
    return fail(fmt::format("file: cannot write {}: {}", path.str(), ec.message()));
  out.write(reinterpret_cast<const char *>(bytes->data()), bytes->size());
  return llvm::Error::success();
}

} // namespace litec::frontend
