#include "litec/frontend/Reader.h"

#include "OptionsReflection.h"
#include "litec/frontend/tflite_generated.h"
#include "litec/ir/Printer.h"
#include "litec/ir/Verifier.h"

#include <fmt/format.h>

#include <cstring>
#include <limits>
#include <type_traits>

namespace litec::frontend {

namespace {
using ir::quoteString;

llvm::Error fail(const std::string &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

// Deep and wide models stay far below these; they bound the verifier's work on hostile input.
constexpr unsigned kMaxVerifierDepth = 64;
constexpr unsigned kMaxVerifierTables = 50'000'000;

std::optional<ir::ElementType> convertType(tflite::TensorType type) {
  switch (type) {
  case tflite::TensorType::FLOAT32:
    return ir::ElementType::F32;
  case tflite::TensorType::FLOAT16:
    return ir::ElementType::F16;
  case tflite::TensorType::INT8:
    return ir::ElementType::I8;
  case tflite::TensorType::UINT8:
    return ir::ElementType::U8;
  case tflite::TensorType::INT16:
    return ir::ElementType::I16;
  case tflite::TensorType::INT32:
    return ir::ElementType::I32;
  case tflite::TensorType::INT64:
    return ir::ElementType::I64;
  case tflite::TensorType::BOOL:
    return ir::ElementType::Bool;
  default:
    return std::nullopt;
  }
}

// Copies a vector of scalars out of the file. The verifier only guarantees 4-byte alignment
// of a vector's start, so 8-byte elements are copied bytewise, never loaded in place.
template <typename T> std::vector<T> toVector(const flatbuffers::Vector<T> *vector) {
  static_assert(std::is_arithmetic_v<T>);
  if (!vector || vector->size() == 0)
    return {};
  std::vector<T> out(vector->size());
  std::memcpy(out.data(), vector->Data(), out.size() * sizeof(T));
  return out;
}

// Reads a verified flatbuffer into the IR. Each method checks what the flatbuffers verifier
// cannot: indices into other tables, sizes, and the meaning of values.
class Importer {
public:
  Importer(std::span<const uint8_t> file, const tflite::Model &model, ir::Module &module)
      : file_(file), model_(model), module_(module) {}

  llvm::Error run() {
    module_.schemaVersion = model_.version();
    if (model_.description())
      module_.description = model_.description()->str();
    if (auto e = readBuffers())
      return e;
    if (auto e = readOperatorCodes())
      return e;
    if (!model_.subgraphs() || model_.subgraphs()->size() == 0)
      return fail("model: has no subgraphs");
    for (unsigned g = 0; g < model_.subgraphs()->size(); ++g)
      if (auto e = readSubgraph(g, *model_.subgraphs()->Get(g)))
        return e;
    if (auto e = readSignatures())
      return e;
    return readMetadata();
  }

private:
  struct OperatorCode {
    ir::OpKind kind;
    int32_t version;
    std::string customCode;
  };

  llvm::Error readBuffers() {
    if (!model_.buffers())
      return llvm::Error::success();
    for (unsigned b = 0; b < model_.buffers()->size(); ++b) {
      const tflite::Buffer *buffer = model_.buffers()->Get(b);
      std::span<const uint8_t> bytes;
      if (buffer->data() && buffer->data()->size() > 0) {
        bytes = {buffer->data()->data(), buffer->data()->size()};
      } else if (buffer->offset() > 1) {
        // Large models keep constant data after the flatbuffer, addressed from the file start.
        uint64_t offset = buffer->offset(), size = buffer->size();
        if (offset > file_.size() || size > file_.size() - offset)
          return fail(fmt::format("buffer {}: external data [{}, +{}) is outside the {}-byte file",
                                  b, offset, size, file_.size()));
        bytes = file_.subspan(offset, size);
      }
      buffers_.push_back(bytes);
    }
    return llvm::Error::success();
  }

  llvm::Error readOperatorCodes() {
    if (!model_.operator_codes())
      return llvm::Error::success();
    for (unsigned i = 0; i < model_.operator_codes()->size(); ++i) {
      const tflite::OperatorCode *code = model_.operator_codes()->Get(i);
      // Old files only fill the byte-sized field; new ones store 127 there for larger codes.
      int32_t value = std::max<int32_t>(code->deprecated_builtin_code(),
                                        static_cast<int32_t>(code->builtin_code()));
      const ir::OpKindInfo *info = ir::lookupOpKind(value);
      if (!info)
        return fail(fmt::format("operator code {}: unknown builtin operator code {}", i, value));
      OperatorCode entry{info->kind, code->version(), ""};
      if (info->kind == ir::OpKind::CUSTOM) {
        if (!code->custom_code())
          return fail(fmt::format("operator code {}: custom operator without a custom_code", i));
        entry.customCode = code->custom_code()->str();
      }
      codes_.push_back(std::move(entry));
    }
    return llvm::Error::success();
  }

  std::string tensorWhere(unsigned g, unsigned t, const ir::Value &value) {
    return fmt::format("subgraph {}, tensor {} {}", g, t, quoteString(value.name));
  }

  llvm::Error readQuantization(unsigned g, unsigned t, const tflite::QuantizationParameters &q,
                               ir::Value &value) {
    value.quant.scales = toVector(q.scale());
    value.quant.zeroPoints = toVector(q.zero_point());
    value.quant.min = toVector(q.min());
    value.quant.max = toVector(q.max());
    value.quant.axis = q.quantized_dimension();
    if (q.details_type() != tflite::QuantizationDetails::NONE)
      return fail(tensorWhere(g, t, value) + ": custom quantisation is not supported");
    if (value.quant.isPerChannel() && value.shape.size() == 1 && value.quant.axis != 0) {
      // Some converters wrote the axis of the weights onto rank-1 biases; the only axis a
      // rank-1 tensor has is 0, which is what the per-channel scales must run along.
      module_.warnings.push_back(fmt::format("{}: quantized_dimension {} is beyond rank 1; using 0",
                                             tensorWhere(g, t, value), value.quant.axis));
      value.quant.axis = 0;
    }
    return llvm::Error::success();
  }

  llvm::Expected<std::vector<int32_t>> readIndexVector(tflite::SparseIndexVector type,
                                                       const void *data, uint8_t &width) {
    std::vector<int32_t> out;
    switch (type) {
    case tflite::SparseIndexVector::Int32Vector:
      width = 4;
      out = toVector(static_cast<const tflite::Int32Vector *>(data)->values());
      break;
    case tflite::SparseIndexVector::Uint16Vector:
      width = 2;
      for (uint16_t v : toVector(static_cast<const tflite::Uint16Vector *>(data)->values()))
        out.push_back(v);
      break;
    case tflite::SparseIndexVector::Uint8Vector:
      width = 1;
      for (uint8_t v : toVector(static_cast<const tflite::Uint8Vector *>(data)->values()))
        out.push_back(v);
      break;
    default:
      return fail("sparse index vector has an unknown type");
    }
    return out;
  }

  llvm::Error readSparsity(unsigned g, unsigned t, const tflite::SparsityParameters &s,
                           ir::Value &value) {
    ir::Sparsity sparsity;
    sparsity.traversalOrder = toVector(s.traversal_order());
    sparsity.blockMap = toVector(s.block_map());
    if (s.dim_metadata()) {
      for (const tflite::DimensionMetadata *dim : *s.dim_metadata()) {
        ir::SparseDimension d;
        d.isSparse = dim->format() == tflite::DimensionType::SPARSE_CSR;
        d.denseSize = dim->dense_size();
        if (d.isSparse) {
          auto segments =
              readIndexVector(dim->array_segments_type(), dim->array_segments(), d.segmentsWidth);
          if (!segments)
            return fail(tensorWhere(g, t, value) + ": " + llvm::toString(segments.takeError()));
          auto indices =
              readIndexVector(dim->array_indices_type(), dim->array_indices(), d.indicesWidth);
          if (!indices)
            return fail(tensorWhere(g, t, value) + ": " + llvm::toString(indices.takeError()));
          d.segments = std::move(*segments);
          d.indices = std::move(*indices);
        }
        sparsity.dimensions.push_back(std::move(d));
      }
    }
    if (sparsity.dimensions.size() != sparsity.traversalOrder.size())
      return fail(tensorWhere(g, t, value) +
                  ": sparsity needs one dimension metadata per traversed dimension");
    value.sparsity = std::move(sparsity);
    return llvm::Error::success();
  }

  llvm::Error readTensor(unsigned g, unsigned t, const tflite::Tensor &tensor, ir::Graph &graph) {
    ir::Value &value = graph.addValue();
    if (tensor.name())
      value.name = tensor.name()->str();
    std::optional<ir::ElementType> type = convertType(tensor.type());
    if (!type)
      return fail(fmt::format("{}: tensor type {} is not supported", tensorWhere(g, t, value),
                              tflite::EnumNameTensorType(tensor.type())[0]
                                  ? tflite::EnumNameTensorType(tensor.type())
                                  : std::to_string(static_cast<int>(tensor.type()))));
    value.type = *type;
    for (int32_t dim : toVector(tensor.shape())) {
      if (dim < 0)
        return fail(
            fmt::format("{}: negative dimension {} in shape", tensorWhere(g, t, value), dim));
      value.shape.push_back(dim);
    }
    for (int32_t dim : toVector(tensor.shape_signature()))
      value.shapeSignature.push_back(dim);
    if (!value.shapeSignature.empty() && value.shapeSignature.size() != value.shape.size())
      return fail(tensorWhere(g, t, value) + ": shape_signature and shape differ in rank");
    std::optional<int64_t> bytes = value.byteSize();
    if (!bytes)
      return fail(fmt::format("{}: shape [{}] overflows", tensorWhere(g, t, value),
                              fmt::join(value.shape, ", ")));
    value.isVariable = tensor.is_variable();
    if (tensor.quantization())
      if (auto e = readQuantization(g, t, *tensor.quantization(), value))
        return e;
    if (tensor.sparsity())
      if (auto e = readSparsity(g, t, *tensor.sparsity(), value))
        return e;

    uint32_t buffer = tensor.buffer();
    if (buffer >= buffers_.size() && !(buffer == 0 && buffers_.empty()))
      return fail(fmt::format("{}: buffer {} is out of range ({} buffers)",
                              tensorWhere(g, t, value), buffer, buffers_.size()));
    if (buffer != 0 && !buffers_[buffer].empty()) {
      std::span<const uint8_t> data = buffers_[buffer];
      if (!value.sparsity && static_cast<int64_t>(data.size()) != *bytes)
        return fail(fmt::format("{}: constant has {} bytes, shape {} needs {}",
                                tensorWhere(g, t, value), data.size(), ir::formatValueType(value),
                                *bytes));
      value.setBorrowedData(data);
    }
    return llvm::Error::success();
  }

  llvm::Expected<ir::Value *> tensorRef(int32_t index, const ir::Graph &graph) {
    if (index < 0 || static_cast<size_t>(index) >= graph.values.size())
      return fail(
          fmt::format("tensor {} is out of range ({} tensors)", index, graph.values.size()));
    return graph.values[static_cast<size_t>(index)].get();
  }

  llvm::Error readOptionsOf(const tflite::Operator &op, ir::Op &irOp) {
    const ir::OpKindInfo &info = ir::opKindInfo(irOp.kind);
    int unionIndex = 1;
    uint8_t tag = static_cast<uint8_t>(op.builtin_options_type());
    const void *table = op.builtin_options();
    if (op.builtin_options_2_type() != tflite::BuiltinOptions2::NONE) {
      unionIndex = 2;
      tag = static_cast<uint8_t>(op.builtin_options_2_type());
      table = op.builtin_options_2();
    }
    std::string_view present = tag ? optionsTableForTag(unionIndex, tag) : std::string_view();
    if (tag && present.empty())
      return fail(fmt::format("options union tag {} is unknown", tag));
    if (info.optionsTable.empty()) {
      if (!present.empty())
        return fail(fmt::format("carries {} but takes no options", present));
      return llvm::Error::success();
    }
    if (!present.empty() && present != info.optionsTable)
      return fail(fmt::format("carries {}, expected {}", present, info.optionsTable));
    // Absent options mean every field at its default, as TFLite reads them.
    auto attrs =
        readOptions(info.optionsTable,
                    present.empty() ? nullptr : static_cast<const flatbuffers::Table *>(table));
    if (!attrs)
      return attrs.takeError();
    irOp.attrs = std::move(*attrs);
    return llvm::Error::success();
  }

  llvm::Error readOperator(unsigned g, unsigned index, const tflite::Operator &op,
                           ir::Graph &graph) {
    if (op.opcode_index() >= codes_.size())
      return fail(fmt::format("subgraph {}, op {}: opcode index {} is out of range ({} codes)", g,
                              index, op.opcode_index(), codes_.size()));
    const OperatorCode &code = codes_[op.opcode_index()];
    ir::Op &irOp = graph.addOp(code.kind);
    irOp.version = code.version;
    irOp.customCode = code.customCode;
    std::string where = fmt::format("subgraph {}, op {} ({})", g, index, ir::opLabel(irOp));
    auto at = [&](llvm::Error e) { return fail(where + ": " + llvm::toString(std::move(e))); };

    for (int32_t input : toVector(op.inputs())) {
      if (input == -1) {
        irOp.operands.push_back(nullptr);
        continue;
      }
      auto value = tensorRef(input, graph);
      if (!value)
        return at(value.takeError());
      irOp.operands.push_back(*value);
    }
    for (int32_t output : toVector(op.outputs())) {
      auto value = tensorRef(output, graph);
      if (!value)
        return at(value.takeError());
      if ((*value)->producer)
        return fail(fmt::format("{}: tensor {} is already written by op {}", where, output,
                                (*value)->producer->index));
      if ((*value)->isConstant())
        return fail(fmt::format("{}: writes constant tensor {}", where, output));
      (*value)->producer = &irOp;
      irOp.results.push_back(*value);
    }
    for (int32_t intermediate : toVector(op.intermediates())) {
      auto value = tensorRef(intermediate, graph);
      if (!value)
        return at(value.takeError());
      irOp.intermediates.push_back(*value);
    }
    if (op.custom_options()) {
      irOp.customOptions = toVector(op.custom_options());
    } else if (op.large_custom_options_offset() > 1) {
      uint64_t offset = op.large_custom_options_offset(), size = op.large_custom_options_size();
      if (offset > file_.size() || size > file_.size() - offset)
        return fail(where + ": external custom options are outside the file");
      irOp.customOptions.assign(file_.begin() + offset, file_.begin() + offset + size);
    }
    if (auto e = readOptionsOf(op, irOp))
      return at(std::move(e));
    return llvm::Error::success();
  }

  llvm::Error readSubgraph(unsigned g, const tflite::SubGraph &subgraph) {
    ir::Graph &graph = module_.addGraph();
    if (subgraph.name())
      graph.name = subgraph.name()->str();
    if (subgraph.tensors())
      for (unsigned t = 0; t < subgraph.tensors()->size(); ++t)
        if (auto e = readTensor(g, t, *subgraph.tensors()->Get(t), graph))
          return e;
    for (auto [list, ios, what] : {std::tuple{subgraph.inputs(), &graph.inputs, "input"},
                                   std::tuple{subgraph.outputs(), &graph.outputs, "output"}}) {
      for (int32_t index : toVector(list)) {
        auto value = tensorRef(index, graph);
        if (!value)
          return fail(
              fmt::format("subgraph {}, {}: {}", g, what, llvm::toString(value.takeError())));
        ios->push_back(*value);
      }
    }
    if (subgraph.operators())
      for (unsigned i = 0; i < subgraph.operators()->size(); ++i)
        if (auto e = readOperator(g, i, *subgraph.operators()->Get(i), graph))
          return e;
    // A tensor with no elements has no bytes to store, so the file cannot tell a constant one
    // (an empty RESHAPE shape, say) from one that is written at run time. One that no op writes
    // and the caller does not pass in is the empty constant; TFLite reads it as such.
    std::vector<bool> isInput(graph.values.size(), false);
    for (const ir::Value *input : graph.inputs)
      isInput[input->id] = true;
    for (const auto &value : graph.values)
      if (!value->isConstant() && !value->producer && !value->isVariable && !isInput[value->id] &&
          !value->isDynamic() && value->byteSize() == std::optional<int64_t>(0))
        value->setOwnedData({});
    return llvm::Error::success();
  }

  llvm::Error readSignatures() {
    if (!model_.signature_defs())
      return llvm::Error::success();
    for (unsigned s = 0; s < model_.signature_defs()->size(); ++s) {
      const tflite::SignatureDef *def = model_.signature_defs()->Get(s);
      ir::Signature signature;
      signature.key = def->signature_key() ? def->signature_key()->str() : "";
      signature.graphIndex = def->subgraph_index();
      if (signature.graphIndex >= module_.graphs.size())
        return fail(fmt::format("signature {}: subgraph {} is out of range ({} subgraphs)", s,
                                signature.graphIndex, module_.graphs.size()));
      size_t tensors = module_.graphs[signature.graphIndex]->values.size();
      for (auto [maps, out] : {std::pair{def->inputs(), &signature.inputs},
                               std::pair{def->outputs(), &signature.outputs}}) {
        if (!maps)
          continue;
        for (const tflite::TensorMap *map : *maps) {
          if (map->tensor_index() >= tensors)
            return fail(fmt::format("signature {}: tensor {} is out of range ({} tensors)", s,
                                    map->tensor_index(), tensors));
          out->push_back({map->name() ? map->name()->str() : "", map->tensor_index()});
        }
      }
      module_.signatures.push_back(std::move(signature));
    }
    return llvm::Error::success();
  }

  llvm::Error readMetadata() {
    if (!model_.metadata())
      return llvm::Error::success();
    for (unsigned m = 0; m < model_.metadata()->size(); ++m) {
      const tflite::Metadata *entry = model_.metadata()->Get(m);
      if (entry->buffer() >= buffers_.size())
        return fail(fmt::format("metadata {}: buffer {} is out of range ({} buffers)", m,
                                entry->buffer(), buffers_.size()));
      std::span<const uint8_t> bytes = buffers_[entry->buffer()];
      module_.metadata.push_back(
          {entry->name() ? entry->name()->str() : "", {bytes.begin(), bytes.end()}});
    }
    return llvm::Error::success();
  }

  std::span<const uint8_t> file_;
  const tflite::Model &model_;
  ir::Module &module_;
  std::vector<std::span<const uint8_t>> buffers_;
  std::vector<OperatorCode> codes_;
};

std::string printableIdentifier(std::span<const uint8_t> bytes) {
  std::string text;
  for (uint8_t c : bytes)
    text += (c >= 0x20 && c < 0x7f) ? std::string(1, char(c)) : fmt::format("\\x{:02x}", c);
  return text;
}
} // namespace

llvm::Expected<std::unique_ptr<ir::Module>>
readModelBuffer(std::unique_ptr<llvm::MemoryBuffer> buffer) {
  std::span<const uint8_t> file(reinterpret_cast<const uint8_t *>(buffer->getBufferStart()),
                                buffer->getBufferSize());
  // A flatbuffer starts with a 4-byte root offset and a 4-byte file identifier.
  if (file.size() < 8)
    return fail(fmt::format("header: file is {} bytes, too small for a flatbuffer", file.size()));
  if (!tflite::ModelBufferHasIdentifier(file.data()))
    return fail(
        fmt::format("header: not a TFLite model: file identifier is \"{}\", expected \"TFL3\"",
                    printableIdentifier(file.subspan(4, 4))));
  // Files over 2 GiB keep constants after the flatbuffer; the verifier sees at most 2 GiB.
  size_t verifiable = std::min<size_t>(file.size(), FLATBUFFERS_MAX_BUFFER_SIZE - 1);
  flatbuffers::Verifier verifier(file.data(), verifiable, kMaxVerifierDepth, kMaxVerifierTables);
  if (!tflite::VerifyModelBuffer(verifier))
    return fail("verifier: not a valid TFLite flatbuffer (offsets, sizes or nesting are "
                "inconsistent; the file is truncated or corrupt)");

  auto module = std::make_unique<ir::Module>();
  Importer importer(file, *tflite::GetModel(file.data()), *module);
  if (auto e = importer.run())
    return e;
  module->storage = std::shared_ptr<const llvm::MemoryBuffer>(std::move(buffer));
  if (auto e = ir::verifyModule(*module))
    return e;
  return module;
}

llvm::Expected<std::unique_ptr<ir::Module>> readModelFile(llvm::StringRef path) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return fail("file: cannot read: " + buffer.getError().message());
  return readModelBuffer(std::move(*buffer));
}

} // namespace litec::frontend
