import { notBuiltPage } from "../not-built-page";

const { Page, generateMetadata } = notBuiltPage("dataProtection");
export { generateMetadata };
export default Page;
