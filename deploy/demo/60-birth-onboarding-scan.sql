-- Demo data for scan-service (seed 000): a handful of collections, most onboarded, a few with the gaps the full
-- scan reports (missing table, missing species mapping, missing and disabled birth trigger). Idempotent: it
-- can be loaded again. Try it: POST /api/birth/onboarding/full-scan?dry_run=true with the SCAN_TRIGGER_TOKEN.

INSERT INTO public.species (species_code, description) VALUES
    ('document', 'A governed document'), ('agency', 'An agency'), ('task', 'A governed task')
ON CONFLICT (species_code) DO NOTHING;

CREATE TABLE IF NOT EXISTS public.demo_documents (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), title text);
CREATE TABLE IF NOT EXISTS public.demo_agencies (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name text);
CREATE TABLE IF NOT EXISTS public.demo_tasks (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), title text);
CREATE TABLE IF NOT EXISTS public.demo_notes (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), note text);

INSERT INTO public.collection_registry (collection_name, description) VALUES
    ('demo_documents', 'onboarded'),
    ('demo_agencies', 'birth trigger disabled'),
    ('demo_tasks', 'birth trigger missing'),
    ('demo_notes', 'species mapping missing'),
    ('demo_archive', 'registered, table never created')
ON CONFLICT (collection_name) DO NOTHING;

INSERT INTO public.collection_species_map (collection_name, species_code) VALUES
    ('demo_documents', 'document'), ('demo_agencies', 'agency'), ('demo_tasks', 'task'), ('demo_archive', 'document')
ON CONFLICT (collection_name) DO NOTHING;

DROP TRIGGER IF EXISTS trg_birth_record ON public.demo_documents;
CREATE TRIGGER trg_birth_record AFTER INSERT ON public.demo_documents
    FOR EACH ROW EXECUTE FUNCTION public.fn_birth_registry_record_birth();
DROP TRIGGER IF EXISTS trg_birth_record ON public.demo_agencies;
CREATE TRIGGER trg_birth_record AFTER INSERT ON public.demo_agencies
    FOR EACH ROW EXECUTE FUNCTION public.fn_birth_registry_record_birth();
DROP TRIGGER IF EXISTS trg_birth_record ON public.demo_notes;
CREATE TRIGGER trg_birth_record AFTER INSERT ON public.demo_notes
    FOR EACH ROW EXECUTE FUNCTION public.fn_birth_registry_record_birth();

INSERT INTO public.demo_documents (title)
SELECT 'Demo document ' || g FROM generate_series(1, 20) g
WHERE NOT EXISTS (SELECT 1 FROM public.demo_documents);
ALTER TABLE public.demo_agencies DISABLE TRIGGER trg_birth_record;
